#include <charconv>

#include "auth/verify_internal.hpp"
#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::auth::detail {

std::optional<std::string_view> query_first(const QueryPairs& query, std::string_view name) {
  for (const auto& [k, v] : query) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

Error make_error(ErrorCode code, std::string message, std::string ec) {
  Error e(code, std::move(message));
  e.ec = std::move(ec);
  return e;
}

Error invalid_argument(std::string message, std::string ec) {
  return make_error(ErrorCode::InvalidArgument, std::move(message), std::move(ec));
}

Error access_denied(std::string message, std::string ec) {
  return make_error(ErrorCode::AccessDenied, std::move(message), std::move(ec));
}

Error signature_mismatch(std::string_view access_key_id, std::string_view provided,
                         std::string_view string_to_sign, std::string_view canonical_request,
                         std::string ec) {
  Error e(ErrorCode::SignatureDoesNotMatch);
  e.ec = std::move(ec);
  e.with("OSSAccessKeyId", std::string(access_key_id))
      .with("SignatureProvided", std::string(provided))
      .with("StringToSign", std::string(string_to_sign))
      .with("StringToSignBytes", string_to_sign_bytes(string_to_sign));
  if (!canonical_request.empty()) e.with("CanonicalRequest", std::string(canonical_request));
  return e;
}

Error time_too_skewed(int64_t request_time_s, int64_t now_s) {
  Error e(ErrorCode::RequestTimeTooSkewed);
  e.with("RequestTime", format_iso8601_ms(request_time_s * 1000))
      .with("ServerTime", format_iso8601_ms(now_s * 1000))
      .with("MaxAllowedSkewMilliseconds", std::to_string(kMaxSkewSeconds * 1000));
  return e;
}

Error request_expired(int64_t expires_s, int64_t now_s, std::string ec) {
  Error e(ErrorCode::RequestExpired);
  e.ec = std::move(ec);
  e.with("Expires", format_iso8601_ms(expires_s * 1000))
      .with("ServerTime", format_iso8601_ms(now_s * 1000));
  return e;
}

std::optional<std::string> host_region(std::string_view host) {
  constexpr std::string_view kSuffix = ".aliyuncs.com";
  std::string lower = to_lower(host);
  if (auto colon = lower.rfind(':');
      colon != std::string::npos && lower.find(']') == std::string::npos) {
    lower.resize(colon);  // the caller should have removed the port; be tolerant
  }
  if (!lower.ends_with(kSuffix)) return std::nullopt;
  std::string_view rest(lower);
  rest.remove_suffix(kSuffix.size());
  std::string_view label =
      rest.substr(rest.rfind('.') == std::string_view::npos ? 0 : rest.rfind('.') + 1);
  if (!label.starts_with("oss-") || label.size() <= 4) return std::nullopt;
  label.remove_prefix(4);
  if (label.ends_with("-internal")) label.remove_suffix(9);
  // Global acceleration endpoints name no region.
  if (label == "accelerate" || label == "accelerate-overseas") return std::nullopt;
  return label.empty() ? std::nullopt : std::optional<std::string>(std::string(label));
}

bool host_in_other_region(const Context& ctx) {
  auto region = host_region(ctx.request.host);
  return region && *region != ctx.config.region;
}

Error wrong_endpoint() {
  return access_denied(
      "The bucket you are attempting to access must be addressed using the specified endpoint. "
      "Please send all "
      "future requests to this endpoint.",
      "");
}

Result<KeyRecord> find_key(const Context& ctx, std::string_view access_key_id,
                           std::optional<std::string_view> security_token) {
  std::optional<KeyRecord> key = ctx.keys ? ctx.keys(access_key_id, security_token) : std::nullopt;
  if (!key) {
    Error e(ErrorCode::InvalidAccessKeyId);
    e.with("OSSAccessKeyId", std::string(access_key_id));
    return e;
  }
  return *std::move(key);
}

std::optional<Error> check_security_token(const KeyRecord& key,
                                          std::optional<std::string_view> token,
                                          std::string_view access_key_id, int64_t now_s) {
  if (!key.security_token) return std::nullopt;  // a permanent key: any token is ignored
  if (!token || token->empty()) {
    // Spec (e): a temporary id without its token is reported as an unknown id.
    Error e(ErrorCode::InvalidAccessKeyId);
    e.with("OSSAccessKeyId", std::string(access_key_id));
    return e;
  }
  if (!constant_time_equals(*token, *key.security_token))
    return Error(ErrorCode::InvalidSecurityToken);
  if (key.token_expires_s != 0 && now_s > key.token_expires_s) {
    Error e(ErrorCode::SecurityTokenExpired);
    e.with("SecurityToken", std::string(*token));
    return e;
  }
  return std::nullopt;
}

std::string string_to_sign_bytes(std::string_view s) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
    out.push_back(' ');
  }
  return out;
}

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s.front() == '+') return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace ossd::auth::detail
