// How many connections ossd holds at once (--max-connections), derived by default from the
// file-descriptor limit, so that a flood of idle connections can never take the descriptors
// that requests on the connections already open need (a GET holds its object file, a PUT its
// temporary file). Linux only (/proc/self/fd). Thread-safe.
#pragma once

namespace ossd::http {

// Raises the soft RLIMIT_NOFILE to the hard limit (as Go's runtime does: the soft default of
// 1,024 dates from select(2), which ossd does not use). Returns the soft limit now in force.
long raise_descriptor_limit();

// (soft limit - descriptors open now - a reserve) / 2: every connection may hold one file
// besides its socket. At least 1.
int default_max_connections(long descriptor_limit);

}  // namespace ossd::http
