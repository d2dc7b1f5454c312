// Server-side authentication of one request: decides which scheme the request uses
// (anonymous, V4 header, V4 presigned URL, V1 header, V1 presigned URL), validates it by the
// rules of docs/spec/auth.md (a.5, b.4, c.2, c.3, e) in the order given there, and returns
// who is calling or the exact OSS error. Pure: no I/O, the clock and keys are inputs.
// Thread-safe; the signing-key cache inside is shared and locked.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/headers.hpp"
#include "oss/errors.hpp"

namespace ossd::auth {

// The request as the verifier sees it: bucket and key already resolved from Host and path
// (docs/spec/auth.md section g) and percent-decoded; query pairs decoded, in wire order.
struct RequestView {
  std::string_view method;  // uppercase
  std::string_view bucket;  // empty for service-level requests
  std::string_view key;     // empty for bucket-level requests
  const std::vector<std::pair<std::string, std::string>>* query = nullptr;
  const Headers* headers = nullptr;
  std::string_view host;  // Host header, lowercased, without port (region check)
};

struct KeyRecord {
  std::string secret;
  std::string principal;  // who owns the key (account or user id)
  // Temporary (STS) keys: the token the request must carry, and when it expires (unix s).
  std::optional<std::string> security_token;
  int64_t token_expires_s = 0;
};

// Finds the key of an access key id. `security_token` is the token the request carries (if
// any), so that self-contained temporary (STS) credentials can be resolved from it.
using KeyLookup = std::function<std::optional<KeyRecord>(std::string_view access_key_id,
                                                         std::optional<std::string_view> security_token)>;

enum class Scheme { Anonymous, V4Header, V4Query, V1Header, V1Query };

struct Identity {
  Scheme scheme = Scheme::Anonymous;
  std::string access_key_id;  // empty when anonymous
  std::string principal;
  std::string security_token;  // the verified STS token of a temporary key, else empty
};

struct VerifyConfig {
  std::string region;  // the server's region, e.g. "cn-hangzhou"
  int64_t now_s = 0;   // unix seconds
};

// Verifies the request. Errors carry the OSS fields of spec (f): OSSAccessKeyId,
// SignatureProvided, StringToSign, StringToSignBytes, CanonicalRequest, RequestTime,
// ServerTime, MaxAllowedSkewMilliseconds, Expires, SecurityToken, as applicable.
Result<Identity> verify(const RequestView& request, const KeyLookup& keys,
                        const VerifyConfig& config);

// True when the request carries any signature (header or query) at all.
bool is_signed(const RequestView& request);

}  // namespace ossd::auth
