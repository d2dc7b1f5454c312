// The body of the auth_v4 and auth_v1 targets: a request (fuzz_request.hpp) is routed and
// verified exactly as api/dispatch.cpp does (auth::verify, then the path-style reading of rule
// g.2.6 on SignatureDoesNotMatch), with the vectors' key and clock so that real signed seeds
// get through parsing into signature checking. Then the client-side signer signs the same
// request, and the server must accept what the SDK signed: a mismatch is a crash.
#pragma once

#include "api/router.hpp"
#include "auth/presign.hpp"
#include "auth/verifier.hpp"
#include "common/encoding.hpp"
#include "fuzz_request.hpp"

#include <cstdlib>
#include <cstdio>

namespace ossd::fuzz {

inline const api::RouterConfig& router_config() {
  static const api::RouterConfig config{std::string(kRegion), {"localhost"}};
  return config;
}

inline Result<auth::Identity> verify_routed(std::string_view method, const api::Route& route, const Headers& headers) {
  const auth::VerifyConfig vc{std::string(kRegion), kNowS};
  auth::RequestView view{method, route.bucket, route.key, &route.query, &headers, route.host};
  auto who = auth::verify(view, vector_keys, vc);
  if (!who && who.error().code == ErrorCode::SignatureDoesNotMatch && route.path_style_alternative) {
    const auto& [bucket, key] = *route.path_style_alternative;
    auth::RequestView alt{method, bucket, key, &route.query, &headers, route.host};
    auto again = auth::verify(alt, vector_keys, vc);
    if (again) return again;
  }
  return who;
}

// Verifies a request as the server would; the result only matters to the sanitizers.
inline void verify_text_request(const TextRequest& r) {
  auto route = api::route(r.method, r.headers.get("host"), r.path, r.query, r.headers, router_config());
  if (!route) return;
  (void)auth::is_signed({r.method, route->bucket, route->key, &route->query, &r.headers, route->host});
  auto who = verify_routed(r.method, *route, r.headers);
  if (verbose())
    std::fprintf(stderr, "verify: %s\n", who ? "ok" : std::string(error_info(who.error().code).name).c_str());
}

// Parameters and headers that carry a signature; they are dropped before re-signing.
inline bool is_auth_field(std::string_view name) {
  for (std::string_view n : {"authorization", "x-oss-date", "x-oss-content-sha256", "x-oss-security-token",
                             "x-oss-credential", "x-oss-signature", "x-oss-signature-version", "x-oss-expires",
                             "x-oss-additional-headers", "ossaccesskeyid", "signature", "expires",
                             "security-token", "date"})
    if (iequals(name, n)) return true;
  return false;
}

[[noreturn]] inline void roundtrip_failed(const char* what, const Error& e) {
  std::fprintf(stderr, "ROUNDTRIP: %s signed by ossd's signer was refused: %s %s\n", what,
               std::string(error_info(e.code).name).c_str(), std::string(e.message_or_default()).c_str());
  std::abort();
}

inline void check_roundtrip(const char* what, std::string_view method, std::string_view host, std::string_view path,
                            std::string_view query, const Headers& headers, const api::Route& original) {
  auto route = api::route(method, host, path, query, headers, router_config());
  if (!route || route->bucket != original.bucket || route->key != original.key) return;
  auto who = verify_routed(method, *route, headers);
  if (!who) roundtrip_failed(what, who.error());
}

// Signs the request's method, bucket, key, other headers and queries with ossd's client-side
// signer (header and presigned URL, V4 or V1), then verifies the result through the router.
inline void sign_and_verify(const TextRequest& r, bool v4) {
  auto route = api::route(r.method, r.headers.get("host"), r.path, r.query, r.headers, router_config());
  if (!route || route->bucket.empty() || route->virtual_hosted || route->op == api::Operation::PostObject) return;
  auth::SignOptions o;
  o.method = r.method;
  o.bucket = route->bucket;
  o.key = route->key;
  o.region = std::string(kRegion);
  o.endpoint = "localhost";
  o.path_style = true;
  o.signing_time_s = kNowS;
  for (const auto& [name, value] : r.headers)
    if (!is_auth_field(name) && !iequals(name, "host")) o.headers.add(name, value);
  for (const auto& [name, value] : route->query)
    if (!is_auth_field(name)) o.queries.emplace_back(name, value);
  if (v4) o.additional_headers = {"host"};
  const auth::Credentials creds{std::string(kAccessKeyId), std::string(kSecret), ""};

  auth::Signed header = v4 ? auth::sign_v4_header(creds, o) : auth::sign_v1_header(creds, o);
  Headers signed_headers = o.headers;
  signed_headers.set("Host", "localhost");
  for (const auto& [name, value] : header.headers_to_add) signed_headers.set(name, value);
  signed_headers.set("Authorization", header.authorization);
  std::string path = auth::request_path(o), query;
  for (const auto& [k, v] : o.queries) query += (query.empty() ? "" : "&") + uri_encode(k) + "=" + uri_encode(v);
  check_roundtrip(v4 ? "V4 header" : "V1 header", r.method, "localhost", path, query, signed_headers, *route);

  auto url = v4 ? auth::presign_v4(creds, o) : auth::presign_v1(creds, o);
  if (!url) return;
  auto q = url->url.find('?');
  Headers url_headers = o.headers;
  url_headers.set("Host", "localhost");
  check_roundtrip(v4 ? "V4 URL" : "V1 URL", r.method, "localhost", path,
                  q == std::string::npos ? "" : std::string_view(url->url).substr(q + 1), url_headers, *route);
}

inline int auth_one_input(const uint8_t* data, std::size_t size, bool v4) {
  TextRequest r = parse_text_request(as_view(data, size));
  verify_text_request(r);
  sign_and_verify(r, v4);
  return 0;
}

}  // namespace ossd::fuzz
