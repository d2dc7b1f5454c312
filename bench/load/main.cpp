// ossd_bench_load: closed-loop load over a list of URLs, or idle keep-alive connections.
//
//   ossd_bench_load --method PUT|GET --urls FILE [--body-size BYTES] [--connections N]
//                   [--requests N] [--duration S] [--timeout S]
//   ossd_bench_load --idle N --url URL [--hold S]
//
// Prints one line of key=value results (ops, errors, bytes, secs, ops_s, mb_s, p50_ms,
// p99_ms, max_ms); idle mode prints "idle_ok=N" then "ready" and holds the sockets open.
// Exit status 1 when any request failed, 2 on bad arguments.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "load/load_client.hpp"

namespace {

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "ossd_bench_load: " << why << "\n"
            << "usage: ossd_bench_load --method M --urls FILE [--body-size B] [--connections N] "
               "[--requests N] [--duration S] [--timeout S]\n"
            << "       ossd_bench_load --idle N --url URL [--hold S]\n";
  std::exit(2);
}

std::vector<std::string> read_lines(const std::string& file) {
  std::ifstream in(file);
  if (!in) usage("cannot read " + file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

void raise_fd_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }
}

int run_idle(int count, const std::string& url, double hold_s) {
  raise_fd_limit();
  std::vector<int> fds;
  std::string error;
  int ok = ossd::bench::open_idle_connections(url, count, fds, error);
  std::printf("idle_ok=%d idle_failed=%d\nready\n", ok, count - ok);
  std::fflush(stdout);
  if (ok != count) std::cerr << "ossd_bench_load: " << error << "\n";
  std::this_thread::sleep_for(std::chrono::duration<double>(hold_s));
  for (int fd : fds) ::close(fd);
  return ok == count ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  ossd::bench::LoadSpec spec;
  std::string urls_file, idle_url;
  int idle = 0;
  double hold_s = 5;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value for " + flag);
    std::string v = argv[++i];
    if (flag == "--method") spec.method = v;
    else if (flag == "--urls") urls_file = v;
    else if (flag == "--body-size") spec.body_size = std::stoull(v);
    else if (flag == "--connections") spec.connections = std::stoi(v);
    else if (flag == "--requests") spec.requests = std::stol(v);
    else if (flag == "--duration") spec.duration_s = std::stod(v);
    else if (flag == "--timeout") spec.timeout_s = std::stol(v);
    else if (flag == "--idle") idle = std::stoi(v);
    else if (flag == "--url") idle_url = v;
    else if (flag == "--hold") hold_s = std::stod(v);
    else usage("unknown flag " + flag);
  }
  if (idle > 0) return run_idle(idle, idle_url, hold_s);
  if (spec.method != "GET" && spec.method != "PUT") usage("--method must be GET or PUT");
  spec.urls = read_lines(urls_file);
  if (spec.urls.empty() || spec.connections < 1 || spec.requests < 1) usage("nothing to do");

  auto r = ossd::bench::run_load(spec);
  const double secs = r.secs > 0 ? r.secs : 1e-9;
  std::printf("ops=%ld errors=%ld bytes=%llu secs=%.3f ops_s=%.4f mb_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
              r.ops, r.errors, static_cast<unsigned long long>(r.bytes), r.secs, r.ops / secs,
              r.bytes / secs / 1e6, r.p50_ms, r.p99_ms, r.max_ms);
  if (r.errors > 0) std::cerr << "ossd_bench_load: " << r.errors << " failed; first: " << r.first_error << "\n";
  return r.errors > 0 ? 1 : 0;
}
