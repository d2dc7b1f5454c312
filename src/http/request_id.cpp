#include "http/request_id.hpp"

#include "common/digest.hpp"
#include "common/time.hpp"

#include <atomic>
#include <cstdio>
#include <cstring>

namespace ossd::http {

// 8 hex digits of unix time (like OSS's ids, they sort by time) + 16 of a random start
// incremented per request: unique without a random draw per request.
std::string new_request_id() {
  static std::atomic<uint64_t> counter = [] {
    uint64_t seed = 0;
    std::string r = random_bytes(sizeof seed);
    std::memcpy(&seed, r.data(), sizeof seed);
    return seed;
  }();
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  char out[25];
  std::snprintf(out, sizeof out, "%08X%016llX", static_cast<unsigned>(now_s()), static_cast<unsigned long long>(n));
  return std::string(out, 24);
}

}  // namespace ossd::http
