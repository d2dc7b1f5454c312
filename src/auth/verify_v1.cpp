// Server-side checks of V1 requests: Authorization "OSS ak:signature" (spec c.2) and presigned
// URLs with OSSAccessKeyId/Expires/Signature (c.3).
#include <cstdlib>

#include "auth/v1.hpp"
#include "auth/verify_internal.hpp"
#include "common/digest.hpp"
#include "common/time.hpp"

namespace ossd::auth::detail {
namespace {

// OSS documents 0002-00000040 for V1 header mismatches; ossd uses it for V1 URLs too (the URL
// form's EC is unconfirmed, spec f.2).
constexpr std::string_view kV1MismatchEc = "0002-00000040";

std::string v1_string_to_sign_for(const Context& ctx, std::string_view date_line) {
  const RequestView& r = ctx.request;
  return v1_string_to_sign(
      r.method, ctx.headers.get("content-md5"), ctx.headers.get("content-type"), date_line,
      v1_canonical_oss_headers(ctx.headers), v1_canonical_resource(r.bucket, r.key, ctx.query));
}

Result<Identity> check_v1_signature(const Context& ctx, const KeyRecord& key,
                                    std::string_view access_key_id, std::string_view provided,
                                    std::string_view date_line, Scheme scheme) {
  std::string string_to_sign = v1_string_to_sign_for(ctx, date_line);
  if (!constant_time_equals(v1_signature(key.secret, string_to_sign), provided)) {
    return signature_mismatch(access_key_id, provided, string_to_sign, "",
                              std::string(kV1MismatchEc));
  }
  return Identity{scheme, std::string(access_key_id), key.principal, key.security_token.value_or("")};
}

Result<KeyRecord> key_and_token(const Context& ctx, std::string_view access_key_id,
                                std::optional<std::string_view> token) {
  auto key = find_key(ctx, access_key_id, token);
  if (!key) return key.error();
  if (auto e = check_security_token(*key, token, access_key_id, ctx.config.now_s)) return *e;
  return key;
}

}  // namespace

Result<Identity> verify_v1_header(const Context& ctx, std::string_view authorization) {
  std::string_view rest = authorization.substr(4);  // after "OSS "
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) {
    return invalid_argument("Authorization header is invalid.", "");
  }
  std::string_view access_key_id = rest.substr(0, colon);
  std::string_view provided = rest.substr(colon + 1);
  if (host_in_other_region(ctx)) return wrong_endpoint();
  // ali-oss sends only x-oss-date (RFC 1123) and signs it; others send Date (spec c.1).
  auto date = ctx.headers.find("x-oss-date");
  if (!date) date = ctx.headers.find("date");
  if (!date) return access_denied("The Date header is missing.", "0002-00000503");
  auto t = parse_http_date(*date);
  if (!t) return access_denied("The Date header is invalid.", "0002-00000502");
  if (std::abs(ctx.config.now_s - *t) > kMaxSkewSeconds)
    return time_too_skewed(*t, ctx.config.now_s);
  auto key = key_and_token(ctx, access_key_id, ctx.headers.find("x-oss-security-token"));
  if (!key) return key.error();
  return check_v1_signature(ctx, *key, access_key_id, provided, *date, Scheme::V1Header);
}

Result<Identity> verify_v1_query(const Context& ctx) {
  if (host_in_other_region(ctx)) return wrong_endpoint();
  auto access_key_id = query_first(ctx.query, "OSSAccessKeyId");
  auto expires_text = query_first(ctx.query, "Expires");
  auto signature = query_first(ctx.query, "Signature");
  if (!access_key_id || !expires_text || !signature || access_key_id->empty() ||
      signature->empty()) {
    return access_denied("OSSAccessKeyId, Expires and Signature are all required in a signed URL.",
                         "0002-00000070");
  }
  auto expires = parse_int(*expires_text);
  if (!expires) return access_denied("Expires is not a valid number.", "0002-00000070");
  // Expiry is checked before the signature (spec c.3).
  if (ctx.config.now_s > *expires) return request_expired(*expires, ctx.config.now_s, "");
  auto key = key_and_token(ctx, *access_key_id, query_first(ctx.query, "security-token"));
  if (!key) return key.error();
  return check_v1_signature(ctx, *key, *access_key_id, *signature, *expires_text, Scheme::V1Query);
}

}  // namespace ossd::auth::detail
