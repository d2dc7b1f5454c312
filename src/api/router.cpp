#include "api/router.hpp"

#include "common/encoding.hpp"

#include <algorithm>
#include <array>

namespace ossd::api {
namespace {

bool is_ip_literal(std::string_view h) {
  if (!h.empty() && h.front() == '[') return true;  // IPv6
  return !h.empty() && std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// "oss-<r>.aliyuncs.com" or "oss-<r>-internal.aliyuncs.com".
bool is_oss_style_host(std::string_view h) {
  constexpr std::string_view kSuffix = ".aliyuncs.com";
  if (!h.starts_with("oss-") || !h.ends_with(kSuffix)) return false;
  std::string_view mid = h.substr(4, h.size() - 4 - kSuffix.size());
  return !mid.empty() && mid.find('.') == std::string_view::npos;
}

std::string host_without_port(std::string_view host_header) {
  std::string h = to_lower(trim(host_header));
  if (!h.empty() && h.front() == '[') {
    auto end = h.find(']');
    return end == std::string::npos ? h : h.substr(0, end + 1);
  }
  auto colon = h.rfind(':');
  if (colon != std::string::npos) h.resize(colon);
  return h;
}

bool is_base_domain(std::string_view h, const RouterConfig& config) {
  return std::find(config.domains.begin(), config.domains.end(), h) != config.domains.end();
}

// Splits "/bucket/key..." (already decoded) into bucket and key.
std::pair<std::string, std::string> split_path_style(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  auto slash = path.find('/');
  if (slash == std::string_view::npos) return {std::string(path), ""};
  return {std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

// Every OSS sub-resource name (subresources.def, with its sources), sorted for lookup.
constexpr auto kSubresources = [] {
  std::array names = {
#define OSSD_SUBRESOURCE(name) std::string_view(name),
#include "api/subresources.def"
#undef OSSD_SUBRESOURCE
  };
  std::ranges::sort(names);
  return names;
}();
static_assert(std::ranges::adjacent_find(kSubresources) == kSubresources.end(), "subresources.def: a name twice");

// Sub-resource names ossd accepts without routing on them: GetObject's response-* overrides,
// ListObjectsV2's continuation token, the signing parameters of presigned URLs (V1 and V4), and
// x-oss-request-payer (a requester's consent to pay, which changes nothing here). versionId is
// decided in select_subresource(). Every other "x-oss-*" parameter counts as a sub-resource.
constexpr std::array<std::string_view, 16> kAcceptedParameters = {
    "response-content-type", "response-content-language", "response-expires", "response-cache-control",
    "response-content-disposition", "response-content-encoding", "continuation-token", "security-token",
    "x-oss-request-payer", "x-oss-signature-version", "x-oss-credential", "x-oss-date", "x-oss-expires",
    "x-oss-signature", "x-oss-additional-headers", "x-oss-security-token",
};

// Conditions that tell apart operations sharing a method and sub-resource.
enum class When { Always, ListTypeV2, CopySource, FormBody };

struct RouteRule {
  Level level;  // where the request is addressed: service, bucket or object
  std::string_view method;
  std::string_view subresource;  // "" for none
  When when;
  Operation op;
};

// The route table: the first row that matches wins. A sub-resource named in no row is
// NotImplemented; a request that matches no row is MethodNotAllowed.
constexpr std::array kRoutes = {
    RouteRule{Level::Service, "GET", "", When::Always, Operation::ListBuckets},
    RouteRule{Level::Bucket, "PUT", "", When::Always, Operation::PutBucket},
    RouteRule{Level::Bucket, "DELETE", "", When::Always, Operation::DeleteBucket},
    RouteRule{Level::Bucket, "GET", "", When::ListTypeV2, Operation::ListObjectsV2},
    RouteRule{Level::Bucket, "GET", "", When::Always, Operation::ListObjects},
    // PostObject is told apart by its body type (spec d): what a browser form submits.
    RouteRule{Level::Bucket, "POST", "", When::FormBody, Operation::PostObject},
    RouteRule{Level::Bucket, "GET", "bucketInfo", When::Always, Operation::GetBucketInfo},
    RouteRule{Level::Bucket, "GET", "location", When::Always, Operation::GetBucketLocation},
    RouteRule{Level::Bucket, "GET", "acl", When::Always, Operation::GetBucketAcl},
    RouteRule{Level::Bucket, "PUT", "acl", When::Always, Operation::PutBucketAcl},
    RouteRule{Level::Bucket, "POST", "delete", When::Always, Operation::DeleteMultipleObjects},
    RouteRule{Level::Bucket, "PUT", "cors", When::Always, Operation::PutBucketCors},
    RouteRule{Level::Bucket, "GET", "cors", When::Always, Operation::GetBucketCors},
    RouteRule{Level::Bucket, "DELETE", "cors", When::Always, Operation::DeleteBucketCors},
    RouteRule{Level::Bucket, "PUT", "policy", When::Always, Operation::PutBucketPolicy},
    RouteRule{Level::Bucket, "GET", "policy", When::Always, Operation::GetBucketPolicy},
    RouteRule{Level::Bucket, "DELETE", "policy", When::Always, Operation::DeleteBucketPolicy},
    RouteRule{Level::Object, "PUT", "", When::CopySource, Operation::CopyObject},
    RouteRule{Level::Object, "PUT", "", When::Always, Operation::PutObject},
    RouteRule{Level::Object, "GET", "", When::Always, Operation::GetObject},
    RouteRule{Level::Object, "HEAD", "", When::Always, Operation::HeadObject},
    RouteRule{Level::Object, "DELETE", "", When::Always, Operation::DeleteObject},
    RouteRule{Level::Object, "GET", "objectMeta", When::Always, Operation::GetObjectMeta},
    RouteRule{Level::Object, "HEAD", "objectMeta", When::Always, Operation::GetObjectMeta},
    RouteRule{Level::Object, "PUT", "acl", When::Always, Operation::PutObjectAcl},
    RouteRule{Level::Object, "GET", "acl", When::Always, Operation::GetObjectAcl},
};

constexpr bool routes_name_known_subresources() {
  for (const auto& rule : kRoutes)
    if (!rule.subresource.empty() && !std::ranges::binary_search(kSubresources, rule.subresource)) return false;
  return true;
}
static_assert(routes_name_known_subresources(), "router: a routed sub-resource missing from subresources.def");

bool is_routed_subresource(std::string_view name) {
  return std::ranges::any_of(kRoutes, [&](const RouteRule& rule) { return rule.subresource == name; });
}

bool is_subresource(std::string_view name) {
  return name.starts_with("x-oss-") || std::ranges::binary_search(kSubresources, name);
}

bool holds(When when, const QueryPairs& q, const Headers& headers) {
  switch (when) {
    case When::Always: return true;
    case When::ListTypeV2: return query_value(q, "list-type") == "2";
    case When::CopySource: return headers.has("x-oss-copy-source");
    case When::FormBody: {
      std::string_view type = headers.get("content-type");
      return iequals(trim(type.substr(0, type.find(';'))), "multipart/form-data");
    }
  }
  return false;
}

// The one sub-resource the query routes on ("" for none). NotImplemented for any sub-resource
// ossd does not route, so that such a request never reaches a plain operation.
Result<std::string_view> select_subresource(const QueryPairs& q) {
  std::string_view chosen;
  bool several = false;
  for (const auto& [name, value] : q) {
    if (std::ranges::find(kAcceptedParameters, name) != kAcceptedParameters.end()) continue;
    if (name == "versionId") {
      // Without versioning every object has one version, "null" (spec objects-advanced).
      if (value != "null")
        return Error(ErrorCode::NotImplemented, "Versioning (versionId) is not supported by ossd yet.");
      continue;
    }
    if (!is_subresource(name)) continue;  // not an OSS sub-resource: ignored, as OSS does
    if (!is_routed_subresource(name))
      return Error(ErrorCode::NotImplemented, "The sub-resource '" + name + "' is not supported by ossd yet.");
    several = several || (!chosen.empty() && chosen != name);
    if (chosen.empty()) chosen = name;
  }
  if (several) return Error(ErrorCode::InvalidArgument, "A request may name only one sub-resource.");
  return chosen;
}

Result<Operation> operation_for(std::string_view method, const std::string& bucket, const std::string& key,
                                const QueryPairs& q, const Headers& headers) {
  Level level = bucket.empty() ? Level::Service : (key.empty() ? Level::Bucket : Level::Object);
  // A preflight is answered from the CORS rules alone, whatever its query names: the actual
  // request is routed on its own, and a refused preflight would hide its answer from the page.
  if (method == "OPTIONS" && level != Level::Service) return Operation::OptionObject;
  auto subresource = select_subresource(q);
  if (!subresource) return subresource.error();
  // The RAM/STS RPC API shares the endpoint: OSS itself has no service-level POST, and no OSS
  // request names an "Action" parameter.
  if (level == Level::Service && subresource->empty() &&
      (method == "POST" || (method == "GET" && query_has(q, "Action"))))
    return Operation::RpcCall;
  for (const auto& rule : kRoutes)
    if (rule.level == level && rule.method == method && rule.subresource == *subresource &&
        holds(rule.when, q, headers))
      return rule.op;
  return Error(ErrorCode::MethodNotAllowed);
}

}  // namespace

std::span<const std::string_view> known_subresources() { return kSubresources; }

Result<QueryPairs> parse_query(std::string_view raw) {
  QueryPairs out;
  while (!raw.empty()) {
    auto amp = raw.find('&');
    std::string_view piece = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (piece.empty()) continue;
    auto eq = piece.find('=');
    auto name = percent_decode(piece.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : piece.substr(eq + 1), true);
    if (!name || !value || !is_valid_utf8(*name) || !is_valid_utf8(*value)) return Error(ErrorCode::InvalidURI);
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

std::optional<std::string_view> query_value(const QueryPairs& q, std::string_view name) {
  for (const auto& [k, v] : q)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

bool query_has(const QueryPairs& q, std::string_view name) { return query_value(q, name).has_value(); }

Result<Route> route(std::string_view method, std::string_view host_header, std::string_view raw_path,
                    std::string_view raw_query, const Headers& headers, const RouterConfig& config) {
  Route r;
  auto query = parse_query(raw_query);
  if (!query) return query.error();
  r.query = std::move(*query);
  auto path = percent_decode(raw_path, false);
  if (!path || !is_valid_utf8(*path) || !path->starts_with('/')) return Error(ErrorCode::InvalidURI);
  r.host = host_without_port(host_header);

  const std::string& h = r.host;
  auto dot = h.find('.');
  std::string_view parent = dot == std::string::npos ? std::string_view() : std::string_view(h).substr(dot + 1);
  bool path_style_host = h.empty() || is_ip_literal(h) || is_base_domain(h, config) || is_oss_style_host(h);
  if (!path_style_host && dot != std::string::npos && (is_base_domain(parent, config) || is_oss_style_host(parent))) {
    r.virtual_hosted = true;
    r.bucket = h.substr(0, dot);
    r.key = path->substr(1);
    auto alt = split_path_style(*path);
    if (alt.first == r.bucket) r.path_style_alternative = alt;
  } else {
    std::tie(r.bucket, r.key) = split_path_style(*path);
  }

  if (!r.virtual_hosted && r.bucket == kWebAssetPath) {
    if (method != "GET" && method != "HEAD") return Error(ErrorCode::MethodNotAllowed);
    r.op = Operation::GetWebAsset;
    return r;
  }
  auto op = operation_for(method, r.bucket, r.key, r.query, headers);
  if (!op && r.path_style_alternative) {
    // Only the path-style reading names a valid operation (e.g. POST /<b>/?delete with Host <b>.oss-...).
    if (auto alt = use_path_style_alternative(r, method, headers); !alt) return alt.error();
    return r;
  }
  if (!op) return op.error();
  r.op = *op;
  return r;
}

Result<void> use_path_style_alternative(Route& r, std::string_view method, const Headers& headers) {
  if (!r.path_style_alternative) return {};
  std::tie(r.bucket, r.key) = *r.path_style_alternative;
  r.path_style_alternative.reset();
  auto op = operation_for(method, r.bucket, r.key, r.query, headers);
  if (!op) return op.error();
  r.op = *op;
  return {};
}

}  // namespace ossd::api
