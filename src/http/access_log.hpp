// One structured (JSON) line per request on stderr, and one per failure that ended a
// connection (session_loop.hpp) or escaped to an event loop (server.cpp). Thread-safe; one write(2) per line so
// lines from different threads never interleave.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ossd::http {

struct AccessRecord {
  std::string_view request_id, remote, method, operation, bucket, key;
  int status = 0;
  uint64_t bytes_in = 0, bytes_out = 0;
  double latency_ms = 0;
};

void write_access_log(const AccessRecord& r);

struct FailureRecord {
  std::string_view request_id;  // "-" when no request was being served
  std::string_view remote;
  std::string_view what;        // the exception's message, or what happened
  std::string_view level = "error";
};

// {"time":..,"level":..,"request_id":..,"remote":..,"error":..}
void write_failure_log(const FailureRecord& r);

}  // namespace ossd::http
