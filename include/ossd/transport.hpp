// The HTTP seam of the SDK: Client builds and signs requests, a Transport sends them. The
// default is libcurl (make_curl_transport); tests substitute their own. Bodies stream through
// callbacks in both directions, so object size never bounds memory.
// Thread-safety: one Transport may be used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ossd/error.hpp"

namespace ossd::sdk {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Fills up to `size` bytes of `buffer`; returns the count, 0 at the end, or nullopt to abort.
using BodyReader = std::function<std::optional<std::size_t>(char* buffer, std::size_t size)>;
// Takes the next piece of a successful (2xx) response body; false aborts the transfer.
using BodyWriter = std::function<bool(const char* data, std::size_t size)>;
// Bytes moved so far and the total (0 when unknown) of the body being sent or received.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

struct HttpRequest {
  std::string method;
  std::string url;     // already percent-encoded
  HeaderList headers;  // sent as given (Authorization included)
  BodyReader body;     // empty: no request body
  uint64_t body_size = 0;
  ProgressFn progress;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names lowercased
  std::string body;    // the whole body unless it went to a BodyWriter (2xx with a writer)

  // First value of a header (name in lowercase), or "".
  std::string header(const std::string& lower_name) const;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends the request. A 2xx body goes to `sink` when given; other bodies stay in
  // response.body (error XML). Fails (status 0) only when no complete response was received.
  virtual Result<HttpResponse> send(const HttpRequest& request, const BodyWriter& sink) = 0;
};

std::unique_ptr<Transport> make_curl_transport(long connect_timeout_ms, bool verify_tls);

}  // namespace ossd::sdk
