#include "http/connection_limit.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>

namespace ossd::http {
namespace {

// Descriptors kept free beside the connections and their files: SQLite's journal and temp
// files, the data store's directory handles, the TLS key files, a log file.
constexpr long kReserve = 16;

long open_descriptors() {
  std::error_code ec;
  long n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

}  // namespace

long raise_descriptor_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  if (lim.rlim_cur == RLIM_INFINITY) return 1L << 20;
  return static_cast<long>(lim.rlim_cur);
}

int default_max_connections(long descriptor_limit) {
  long free_fds = descriptor_limit - open_descriptors() - kReserve;
  long n = std::clamp(free_fds / 2, 1L, 1L << 20);
  return static_cast<int>(n);
}

}  // namespace ossd::http
