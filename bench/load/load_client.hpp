// A small closed-loop HTTP load generator over libcurl, for what wrk does badly: very large
// bodies streamed without holding them in memory (256 MiB, 5 GiB), exact per-request latency
// for slow requests (ListObjects), and idle keep-alive connections. Each connection is one
// thread with one reused easy handle (keep-alive), taking the next request from a shared
// counter until the request count or the time limit is reached.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ossd::bench {

struct LoadSpec {
  std::string method = "GET";       // GET or PUT
  std::vector<std::string> urls;    // request i goes to urls[i % size]
  uint64_t body_size = 0;           // PUT: bytes sent; GET: expected size (0: not checked)
  int connections = 1;
  long requests = 1;                // total over all connections
  double duration_s = 0;            // 0: no time limit
  long timeout_s = 600;             // per request
};

struct LoadResult {
  long ops = 0;                     // successful requests
  long errors = 0;
  uint64_t bytes = 0;               // body bytes moved (sent for PUT, received for GET)
  double secs = 0;                  // wall time of the whole run
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::string first_error;
};

LoadResult run_load(const LoadSpec& spec);

// Opens `count` connections to `url`, sends one keep-alive GET on each and reads its
// response, then returns the number that got a 2xx answer (fds stay open in `fds`).
int open_idle_connections(const std::string& url, int count, std::vector<int>& fds, std::string& error);

}  // namespace ossd::bench
