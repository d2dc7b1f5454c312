// verify(): picks the scheme of a request (spec a-c), rejects mixed forms, and hands over to
// verify_v4.cpp / verify_v1.cpp. Requests without any signature are anonymous.
#include "auth/verifier.hpp"

#include "auth/verify_internal.hpp"

#include <algorithm>
#include <array>

namespace ossd::auth {
namespace {

// Fields that say who signs and how. One of them given twice would leave open which copy was
// verified and which one the rest of the server acts on, so such requests are refused outright
// (docs/oss-behaviour.md, "Ambiguous authentication").
constexpr std::array<std::string_view, 4> kSingleAuthHeaders = {"authorization", "x-oss-date",
                                                                "x-oss-security-token", "x-oss-content-sha256"};
constexpr std::array<std::string_view, 11> kSingleAuthParams = {
    "x-oss-signature-version", "x-oss-credential", "x-oss-date",     "x-oss-expires",
    "x-oss-signature",         "x-oss-additional-headers", "x-oss-security-token",
    "OSSAccessKeyId",          "Expires",          "Signature",      "security-token"};

std::optional<Error> repeated_auth_field(const Headers& headers, const QueryPairs& query) {
  for (std::string_view name : kSingleAuthHeaders) {
    if (headers.all(name).size() > 1)
      return detail::invalid_argument("The header " + std::string(name) + " must not appear more than once.", "");
  }
  for (std::string_view name : kSingleAuthParams) {
    auto count = std::count_if(query.begin(), query.end(), [&](const auto& kv) { return kv.first == name; });
    if (count > 1)
      return detail::invalid_argument("The query parameter " + std::string(name) + " must not appear more than once.",
                                      "");
  }
  return std::nullopt;
}

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
  if (auto repeated = repeated_auth_field(ctx.headers, ctx.query)) return *repeated;
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
