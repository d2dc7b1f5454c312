// verify(): picks the scheme of a request (spec a-c), rejects mixed forms, and hands over to
// verify_v4.cpp / verify_v1.cpp. Requests without any signature are anonymous.
#include "auth/verifier.hpp"

#include "auth/verify_internal.hpp"

namespace ossd::auth {
namespace {

bool has_v4_query(const QueryPairs& q) {
  return detail::query_first(q, "x-oss-signature-version") ||
         detail::query_first(q, "x-oss-credential") || detail::query_first(q, "x-oss-signature");
}

bool has_v1_query(const QueryPairs& q) {
  return detail::query_first(q, "OSSAccessKeyId") || detail::query_first(q, "Signature") ||
         detail::query_first(q, "Expires");
}

const QueryPairs& query_of(const RequestView& r) {
  static const QueryPairs kEmpty;
  return r.query != nullptr ? *r.query : kEmpty;
}

const Headers& headers_of(const RequestView& r) {
  static const Headers kEmpty;
  return r.headers != nullptr ? *r.headers : kEmpty;
}

}  // namespace

bool is_signed(const RequestView& request) {
  const QueryPairs& q = query_of(request);
  return headers_of(request).has("authorization") || has_v4_query(q) || has_v1_query(q);
}

Result<Identity> verify(const RequestView& request, const KeyLookup& keys,
                        const VerifyConfig& config) {
  const detail::Context ctx{request, keys, config, query_of(request), headers_of(request)};
  const bool v4_query = has_v4_query(ctx.query);
  const bool v1_query = has_v1_query(ctx.query);
  if (auto authorization = ctx.headers.find("authorization")) {
    if (v4_query || v1_query) {
      return detail::invalid_argument(
          "A request must not carry both an Authorization header and a signed URL.", "");
    }
    if (authorization->starts_with("OSS4-HMAC-SHA256 "))
      return detail::verify_v4_header(ctx, *authorization);
    if (authorization->starts_with("OSS ")) return detail::verify_v1_header(ctx, *authorization);
    return detail::invalid_argument("Unsupported signature version in Authorization header.", "");
  }
  if (v4_query) return detail::verify_v4_query(ctx);
  if (v1_query) return detail::verify_v1_query(ctx);
  if (detail::host_in_other_region(ctx)) return detail::wrong_endpoint();
  return Identity{};
}

}  // namespace ossd::auth
