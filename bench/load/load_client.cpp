#include "load/load_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>
#include <thread>

namespace ossd::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kPatternSize = 1 << 20;

// Upload bodies are this 1 MiB pattern repeated, so a 5 GiB PUT needs no 5 GiB buffer.
const std::string& pattern() {
  static const std::string p = [] {
    std::string s(kPatternSize, '\0');
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>((i * 2654435761u) >> 11);
    return s;
  }();
  return p;
}

struct Transfer {
  uint64_t to_send = 0;
  uint64_t sent = 0;
  uint64_t received = 0;
};

size_t on_read(char* buf, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t want = std::min<uint64_t>(size * n, t->to_send - t->sent);
  std::size_t done = 0;
  while (done < want) {
    std::size_t off = (t->sent + done) % kPatternSize;
    std::size_t chunk = std::min(want - done, kPatternSize - off);
    std::memcpy(buf + done, pattern().data() + off, chunk);
    done += chunk;
  }
  t->sent += done;
  return done;
}

size_t on_write(char*, size_t size, size_t n, void* user) {
  static_cast<Transfer*>(user)->received += size * n;
  return size * n;
}

struct Shared {
  Shared(const LoadSpec& s, Clock::time_point d) : spec(s), deadline(d) {}
  const LoadSpec& spec;
  Clock::time_point deadline;
  std::atomic<long> next{0};
  std::mutex mu;
  LoadResult result;
  std::vector<double> latencies_ms;
};

// One request on `curl`; returns an empty string on success, else what went wrong.
std::string one_request(CURL* curl, const LoadSpec& spec, const std::string& url, Transfer& t) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  t = Transfer{spec.method == "PUT" ? spec.body_size : 0, 0, 0};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) return std::string("curl: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return "HTTP " + std::to_string(status) + " for " + url;
  if (spec.method == "GET" && spec.body_size > 0 && t.received != spec.body_size)
    return "short body: " + std::to_string(t.received) + " bytes for " + url;
  return {};
}

CURL* make_handle(const LoadSpec& spec, Transfer& t, curl_slist* headers) {
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, spec.timeout_s);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  if (spec.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(spec.body_size));
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &t);
    curl_easy_setopt(curl, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
  }
  curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024);
  return curl;
}

void connection_loop(Shared& sh) {
  const LoadSpec& spec = sh.spec;
  // No "Expect: 100-continue": the same for both servers, and one round trip fewer.
  curl_slist* headers = curl_slist_append(nullptr, "Expect:");
  Transfer t;
  CURL* curl = make_handle(spec, t, headers);
  std::vector<double> lat;
  long ops = 0, errors = 0;
  uint64_t bytes = 0;
  std::string first_error;
  for (long i = sh.next++; i < spec.requests; i = sh.next++) {
    if (spec.duration_s > 0 && Clock::now() >= sh.deadline) break;
    auto start = Clock::now();
    std::string err = one_request(curl, spec, spec.urls[i % spec.urls.size()], t);
    lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (err.empty()) {
      ++ops;
      bytes += spec.method == "PUT" ? t.sent : t.received;
    } else {
      ++errors;
      if (first_error.empty()) first_error = err;
    }
  }
  curl_easy_cleanup(curl);
  curl_slist_free_all(headers);
  std::lock_guard lock(sh.mu);
  sh.result.ops += ops;
  sh.result.errors += errors;
  sh.result.bytes += bytes;
  if (sh.result.first_error.empty()) sh.result.first_error = first_error;
  sh.latencies_ms.insert(sh.latencies_ms.end(), lat.begin(), lat.end());
}

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

LoadResult run_load(const LoadSpec& spec) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Shared sh(spec, Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(spec.duration_s)));
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < spec.connections; ++c) threads.emplace_back([&sh] { connection_loop(sh); });
  for (auto& t : threads) t.join();
  sh.result.secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(sh.latencies_ms.begin(), sh.latencies_ms.end());
  sh.result.p50_ms = percentile(sh.latencies_ms, 0.50);
  sh.result.p99_ms = percentile(sh.latencies_ms, 0.99);
  sh.result.max_ms = sh.latencies_ms.empty() ? 0 : sh.latencies_ms.back();
  curl_global_cleanup();
  return sh.result;
}

}  // namespace ossd::bench
