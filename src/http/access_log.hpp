// One structured (JSON) line per request on stderr. Thread-safe; one write(2) per line so
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

}  // namespace ossd::http
