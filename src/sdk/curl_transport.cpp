// Transport over libcurl's easy interface. One easy handle per transport, reset between
// requests, so keep-alive connections are reused (curl_easy_reset keeps the connection cache).
#include <curl/curl.h>

#include <mutex>

#include "common/encoding.hpp"
#include "ossd/transport.hpp"

namespace ossd::sdk {
namespace {

constexpr std::size_t kMaxErrorBody = 1 << 20;  // error XML is small; cap what we keep

// State the libcurl callbacks share during one transfer.
struct Transfer {
  const HttpRequest* request = nullptr;
  const BodyWriter* sink = nullptr;
  HttpResponse response;
  bool sink_failed = false;
  bool reader_failed = false;

  bool to_sink() const {
    return *sink && response.status >= 200 && response.status < 300;
  }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new status line (after 100 Continue or a redirect)
    t->response.headers.clear();
    auto space = line.find(' ');
    t->response.status = space == std::string_view::npos
                             ? 0
                             : std::atoi(std::string(line.substr(space + 1, 3)).c_str());
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    t->response.headers.emplace_back(to_lower(trim(line.substr(0, colon))),
                                     std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->to_sink()) {
    if (!(*t->sink)(data, n)) {
      t->sink_failed = true;
      return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
    }
  } else if (t->response.body.size() < kMaxErrorBody) {
    t->response.body.append(data, n);
  }
  return n;
}

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->request->body) return 0;
  auto n = t->request->body(buffer, size * count);
  if (!n) {
    t->reader_failed = true;
    return CURL_READFUNC_ABORT;
  }
  return *n;
}

int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                curl_off_t ulnow) {
  auto* t = static_cast<Transfer*>(user);
  if (t->request->body) {
    t->request->progress(static_cast<uint64_t>(ulnow), static_cast<uint64_t>(ultotal));
  } else {
    t->request->progress(static_cast<uint64_t>(dlnow), static_cast<uint64_t>(dltotal));
  }
  return 0;
}

class CurlTransport final : public Transport {
 public:
  CurlTransport(long connect_timeout_ms, bool verify_tls)
      : connect_timeout_ms_(connect_timeout_ms), verify_tls_(verify_tls) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    easy_ = curl_easy_init();
  }
  ~CurlTransport() override { curl_easy_cleanup(easy_); }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request, const BodyWriter& sink) override;

 private:
  void set_method(const HttpRequest& request, Transfer& t);

  CURL* easy_;
  long connect_timeout_ms_;
  bool verify_tls_;
};

void CurlTransport::set_method(const HttpRequest& request, Transfer& t) {
  if (request.method == "HEAD") {
    curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L);
  } else if (request.body || request.method == "PUT") {
    // CURLOPT_UPLOAD streams through on_read with a known Content-Length (no chunking).
    curl_easy_setopt(easy_, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy_, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(easy_, CURLOPT_READDATA, &t);
    curl_easy_setopt(easy_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body_size));
    if (request.method != "PUT") curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method != "GET") {
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request, const BodyWriter& sink) {
  if (!easy_) return local_error(Error::kTransport, "curl_easy_init failed");
  curl_easy_reset(easy_);
  Transfer t;
  t.request = &request;
  t.sink = &sink;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // curl would send "Accept: */*"; harmless, but OSS clients send none, so neither do we.
  headers = curl_slist_append(headers, "Accept:");
  curl_easy_setopt(easy_, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms_);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, verify_tls_ ? 1L : 0L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, verify_tls_ ? 2L : 0L);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &t);
  if (request.progress) {
    curl_easy_setopt(easy_, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy_, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(easy_, CURLOPT_XFERINFODATA, &t);
  }
  set_method(request, t);
  const CURLcode rc = curl_easy_perform(easy_);
  curl_slist_free_all(headers);
  if (t.sink_failed) return local_error(Error::kIo, "writing the response body failed");
  if (t.reader_failed) return local_error(Error::kIo, "reading the request body failed");
  if (rc != CURLE_OK) {
    return local_error(Error::kTransport, std::string(curl_easy_strerror(rc)) +
                                              (errbuf[0] ? std::string(": ") + errbuf : ""));
  }
  return std::move(t.response);
}

}  // namespace

std::string HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return "";
}

std::unique_ptr<Transport> make_curl_transport(long connect_timeout_ms, bool verify_tls) {
  return std::make_unique<CurlTransport>(connect_timeout_ms, verify_tls);
}

}  // namespace ossd::sdk
