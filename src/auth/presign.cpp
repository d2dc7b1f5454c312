#include "auth/presign.hpp"

#include "auth/v1.hpp"
#include "auth/v4.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::auth {
namespace {

int64_t signing_time(const SignOptions& o) {
  return o.signing_time_s != 0 ? o.signing_time_s : now_s();
}

std::string endpoint_of(const SignOptions& o) {
  return o.endpoint.empty() ? "oss-" + o.region + ".aliyuncs.com" : o.endpoint;
}

void append_query(std::string& out, std::string_view key, std::string_view value) {
  out.push_back(out.empty() ? '?' : '&');
  out.append(uri_encode(key)).append("=").append(uri_encode(value));
}

std::string build_url(const SignOptions& o, const QueryPairs& query) {
  std::string q;
  for (const auto& [k, v] : query) append_query(q, k, v);
  return o.scheme + "://" + request_host(o) + request_path(o) + q;
}

// The headers the V4 request will carry: the caller's, plus Host when it is to be signed.
Headers v4_request_headers(const SignOptions& o) {
  Headers h = o.headers;
  for (const auto& name : o.additional_headers) {
    if (iequals(trim(name), "host") && !h.has("host")) h.add("Host", request_host(o));
  }
  return h;
}

struct V4Parts {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

V4Parts v4_sign(const Credentials& c, const SignOptions& o, const Headers& headers,
                const QueryPairs& query, const std::vector<std::string>& additional, int64_t t,
                std::string_view skip) {
  std::string date = format_yyyymmdd(t);
  std::string payload(headers.find("x-oss-content-sha256").value_or(kUnsignedPayload));
  V4Parts p;
  p.canonical_request = v4_canonical_request(
      o.method, v4_canonical_uri(o.bucket, o.key), v4_canonical_query(query, {}, skip),
      v4_canonical_headers(headers, additional), join_names(additional), payload);
  p.string_to_sign = v4_string_to_sign(format_iso8601_basic(t), v4_scope(date, o.region, o.product),
                                       p.canonical_request);
  p.signature = v4_signature(v4_signing_key(c.access_key_secret, date, o.region, o.product),
                             p.string_to_sign);
  return p;
}

std::string v1_sign_string(const SignOptions& o, const Headers& headers, const QueryPairs& query,
                           std::string_view date_line) {
  return v1_string_to_sign(o.method, headers.get("content-md5"), headers.get("content-type"),
                           date_line, v1_canonical_oss_headers(headers),
                           v1_canonical_resource(o.bucket, o.key, query));
}

}  // namespace

std::string request_host(const SignOptions& o) {
  std::string endpoint = endpoint_of(o);
  if (o.cname || o.path_style || o.bucket.empty()) return endpoint;
  return o.bucket + "." + endpoint;
}

std::string request_path(const SignOptions& o) {
  if (o.path_style && !o.cname && !o.bucket.empty())
    return uri_encode("/" + o.bucket + "/" + o.key, true);
  return uri_encode("/" + o.key, true);
}

Result<Signed> presign_v4(const Credentials& c, const SignOptions& o) {
  if (o.expires_s < 1 || o.expires_s > kMaxV4Expires) {
    return Error(ErrorCode::InvalidArgument,
                 "expires should be not greater than 604800(seven days)");
  }
  const int64_t t = signing_time(o);
  Headers headers = v4_request_headers(o);
  std::vector<std::string> additional = normalize_additional_headers(o.additional_headers, headers);
  // ali-oss's wire order: the caller's parameters, then the auth ones, the signature last.
  QueryPairs query = o.queries;
  if (!additional.empty()) query.emplace_back("x-oss-additional-headers", join_names(additional));
  query.emplace_back("x-oss-credential",
                     c.access_key_id + "/" + v4_scope(format_yyyymmdd(t), o.region, o.product));
  query.emplace_back("x-oss-date", format_iso8601_basic(t));
  query.emplace_back("x-oss-expires", std::to_string(o.expires_s));
  query.emplace_back("x-oss-signature-version", std::string(kV4Algorithm));
  if (!c.security_token.empty()) query.emplace_back("x-oss-security-token", c.security_token);
  V4Parts p = v4_sign(c, o, headers, query, additional, t, "x-oss-signature");
  query.emplace_back("x-oss-signature", p.signature);
  Signed out;
  out.url = build_url(o, query);
  out.canonical_request = std::move(p.canonical_request);
  out.string_to_sign = std::move(p.string_to_sign);
  out.signature = std::move(p.signature);
  return out;
}

Result<Signed> presign_v1(const Credentials& c, const SignOptions& o) {
  if (o.expires_s < 1) return Error(ErrorCode::InvalidArgument, "expires must be positive");
  const std::string expires = std::to_string(signing_time(o) + o.expires_s);
  QueryPairs signed_query = o.queries;
  if (!c.security_token.empty()) signed_query.emplace_back("security-token", c.security_token);
  Signed out;
  out.string_to_sign = v1_sign_string(o, o.headers, signed_query, expires);
  out.signature = v1_signature(c.access_key_secret, out.string_to_sign);
  QueryPairs query = {
      {"OSSAccessKeyId", c.access_key_id}, {"Expires", expires}, {"Signature", out.signature}};
  query.insert(query.end(), signed_query.begin(), signed_query.end());
  out.url = build_url(o, query);
  return out;
}

Signed sign_v4_header(const Credentials& c, const SignOptions& o) {
  const int64_t t = signing_time(o);
  Signed out;
  out.headers_to_add.add("x-oss-date", format_iso8601_basic(t));
  if (!o.headers.has("x-oss-content-sha256"))
    out.headers_to_add.add("x-oss-content-sha256", std::string(kUnsignedPayload));
  if (!c.security_token.empty()) out.headers_to_add.add("x-oss-security-token", c.security_token);
  Headers headers = v4_request_headers(o);
  for (const auto& [name, value] : out.headers_to_add) headers.set(name, value);
  std::vector<std::string> additional = normalize_additional_headers(o.additional_headers, headers);
  V4Parts p = v4_sign(c, o, headers, o.queries, additional, t, {});
  out.authorization = std::string(kV4Algorithm) + " Credential=" + c.access_key_id + "/" +
                      v4_scope(format_yyyymmdd(t), o.region, o.product);
  if (!additional.empty()) out.authorization += ",AdditionalHeaders=" + join_names(additional);
  out.authorization += ",Signature=" + p.signature;
  out.canonical_request = std::move(p.canonical_request);
  out.string_to_sign = std::move(p.string_to_sign);
  out.signature = std::move(p.signature);
  return out;
}

Signed sign_v1_header(const Credentials& c, const SignOptions& o) {
  Signed out;
  out.headers_to_add.add("x-oss-date", format_rfc1123(signing_time(o)));
  if (!c.security_token.empty()) out.headers_to_add.add("x-oss-security-token", c.security_token);
  Headers headers = o.headers;
  for (const auto& [name, value] : out.headers_to_add) headers.set(name, value);
  out.string_to_sign = v1_sign_string(o, headers, o.queries, headers.get("x-oss-date"));
  out.signature = v1_signature(c.access_key_secret, out.string_to_sign);
  out.authorization = "OSS " + c.access_key_id + ":" + out.signature;
  return out;
}

}  // namespace ossd::auth
