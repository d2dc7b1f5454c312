// Pieces shared by the scheme-specific verifiers (verify_v4.cpp, verify_v1.cpp). Internal to
// src/auth: not part of the verifier's API.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/canonical.hpp"
#include "auth/verifier.hpp"

namespace ossd::auth::detail {

inline constexpr int64_t kMaxSkewSeconds = 900;  // 15 minutes, both directions

struct Context {
  const RequestView& request;
  const KeyLookup& keys;
  const VerifyConfig& config;
  const QueryPairs& query;
  const Headers& headers;
};

// First value of a query parameter (spec c.3: the first occurrence wins).
std::optional<std::string_view> query_first(const QueryPairs& query, std::string_view name);

Error make_error(ErrorCode code, std::string message, std::string ec);
Error invalid_argument(std::string message, std::string ec);
Error access_denied(std::string message, std::string ec);

// SignatureDoesNotMatch with OSSAccessKeyId, SignatureProvided, StringToSign, StringToSignBytes
// and (V4 only, when non-empty) CanonicalRequest.
Error signature_mismatch(std::string_view access_key_id, std::string_view provided,
                         std::string_view string_to_sign, std::string_view canonical_request,
                         std::string ec);
Error time_too_skewed(int64_t request_time_s, int64_t now_s);
Error request_expired(int64_t expires_s, int64_t now_s, std::string ec);

// Region named by an OSS-style Host ("<b>.oss-<r>.aliyuncs.com", "oss-<r>-internal.aliyuncs.com").
std::optional<std::string> host_region(std::string_view host);
// True when the Host names a region other than the server's (spec g.2 rule 5).
bool host_in_other_region(const Context& ctx);
// 403 AccessDenied for V1 and anonymous requests whose Host names another region.
Error wrong_endpoint();

// Looks up the key; InvalidAccessKeyId (with <OSSAccessKeyId>) when unknown.
Result<KeyRecord> find_key(const Context& ctx, std::string_view access_key_id,
                           std::optional<std::string_view> security_token);
// Spec (e): a temporary key must come with its own token, not yet expired.
std::optional<Error> check_security_token(const KeyRecord& key,
                                          std::optional<std::string_view> token,
                                          std::string_view access_key_id, int64_t now_s);

// "47 45 54 0A " - uppercase two-digit hex of each byte, each followed by a space.
std::string string_to_sign_bytes(std::string_view s);

// Parses a whole decimal integer (optional leading '-'); nullopt on anything else.
std::optional<int64_t> parse_int(std::string_view s);

Result<Identity> verify_v4_header(const Context& ctx, std::string_view authorization);
Result<Identity> verify_v4_query(const Context& ctx);
Result<Identity> verify_v1_header(const Context& ctx, std::string_view authorization);
Result<Identity> verify_v1_query(const Context& ctx);

}  // namespace ossd::auth::detail
