#include "api/router.hpp"

#include "common/encoding.hpp"

#include <algorithm>
#include <array>

namespace ossd::api {
namespace {

// Sub-resources (spec c.1) that name an operation ossd does not implement yet. A request
// carrying one is refused with NotImplemented instead of being mistaken for a plain
// GetObject/PutObject (which would, e.g., overwrite an object with a lifecycle document).
constexpr std::array kUnsupportedSubresources = {
    "uploads",   "uploadId",  "logging",   "website",       "referer",
    "lifecycle", "append",    "tagging",   "symlink",   "restore",
    "stat",      "encryption", "versions", "versioning", "inventory",    "worm",
    "replication", "qos",     "cname",     "transferAcceleration", "requestPayment",
    "comp",      "live",      "img",       "style",     "metaQuery",     "resourceGroup",
    "asyncFetch", "x-oss-async-process", "regionList", "rtc", "responseHeader",
};

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

Result<Operation> bucket_operation(std::string_view method, const QueryPairs& q, const Headers& headers) {
  if (method == "OPTIONS") return Operation::OptionObject;
  if (query_has(q, "policy")) {
    if (method == "PUT") return Operation::PutBucketPolicy;
    if (method == "GET") return Operation::GetBucketPolicy;
    if (method == "DELETE") return Operation::DeleteBucketPolicy;
    return Error(ErrorCode::MethodNotAllowed);
  }
  if (query_has(q, "cors")) {
    if (method == "PUT") return Operation::PutBucketCors;
    if (method == "GET") return Operation::GetBucketCors;
    if (method == "DELETE") return Operation::DeleteBucketCors;
    return Error(ErrorCode::MethodNotAllowed);
  }
  if (method == "GET") {
    if (query_has(q, "bucketInfo")) return Operation::GetBucketInfo;
    if (query_has(q, "location")) return Operation::GetBucketLocation;
    if (query_has(q, "acl")) return Operation::GetBucketAcl;
    if (query_value(q, "list-type") == "2") return Operation::ListObjectsV2;
    return Operation::ListObjects;
  }
  if (method == "PUT") return query_has(q, "acl") ? Operation::PutBucketAcl : Operation::PutBucket;
  if (method == "DELETE") return Operation::DeleteBucket;
  if (method == "POST" && query_has(q, "delete")) return Operation::DeleteMultipleObjects;
  // PostObject is told apart by its body type (spec d): what a browser form submits.
  std::string_view type = headers.get("content-type");
  if (method == "POST" && iequals(trim(type.substr(0, type.find(';'))), "multipart/form-data"))
    return Operation::PostObject;
  return Error(ErrorCode::MethodNotAllowed);
}

Result<Operation> object_operation(std::string_view method, const QueryPairs& q, const Headers& headers) {
  if (query_has(q, "acl")) {
    if (method == "PUT") return Operation::PutObjectAcl;
    if (method == "GET") return Operation::GetObjectAcl;
    return Error(ErrorCode::MethodNotAllowed);
  }
  if (method == "OPTIONS") return Operation::OptionObject;
  if (method == "GET") return query_has(q, "objectMeta") ? Operation::GetObjectMeta : Operation::GetObject;
  if (method == "HEAD") return query_has(q, "objectMeta") ? Operation::GetObjectMeta : Operation::HeadObject;
  if (method == "PUT") return headers.has("x-oss-copy-source") ? Operation::CopyObject : Operation::PutObject;
  if (method == "DELETE") return Operation::DeleteObject;
  return Error(ErrorCode::MethodNotAllowed);
}

Result<Operation> operation_for(std::string_view method, const std::string& bucket, const std::string& key,
                                const QueryPairs& q, const Headers& headers) {
  if (bucket.empty()) {
    // The RAM/STS RPC API shares the endpoint: OSS itself has no service-level POST, and no
    // OSS request names an "Action" parameter.
    if (method == "POST" || (method == "GET" && query_has(q, "Action"))) return Operation::RpcCall;
    return method == "GET" ? Result<Operation>(Operation::ListBuckets) : Error(ErrorCode::MethodNotAllowed);
  }
  return key.empty() ? bucket_operation(method, q, headers) : object_operation(method, q, headers);
}

}  // namespace

std::string_view operation_name(Operation op) {
  switch (op) {
#define OSSD_OP(name) \
  case Operation::name: return #name;
    OSSD_OP(ListBuckets) OSSD_OP(PutBucket) OSSD_OP(DeleteBucket) OSSD_OP(GetBucketInfo)
    OSSD_OP(GetBucketLocation) OSSD_OP(GetBucketAcl) OSSD_OP(PutBucketAcl) OSSD_OP(ListObjects)
    OSSD_OP(ListObjectsV2) OSSD_OP(DeleteMultipleObjects) OSSD_OP(PutObject) OSSD_OP(CopyObject)
    OSSD_OP(GetObject) OSSD_OP(HeadObject) OSSD_OP(GetObjectMeta) OSSD_OP(DeleteObject)
    OSSD_OP(PutBucketCors) OSSD_OP(GetBucketCors) OSSD_OP(DeleteBucketCors) OSSD_OP(OptionObject)
    OSSD_OP(PostObject) OSSD_OP(GetWebAsset) OSSD_OP(PutObjectAcl) OSSD_OP(GetObjectAcl)
    OSSD_OP(PutBucketPolicy) OSSD_OP(GetBucketPolicy) OSSD_OP(DeleteBucketPolicy) OSSD_OP(RpcCall)
#undef OSSD_OP
  }
  return "Unknown";
}

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
  for (const auto& name : kUnsupportedSubresources)
    if (query_has(r.query, name))
      return Error(ErrorCode::NotImplemented, "The sub-resource '" + std::string(name) + "' is not supported by ossd yet.");

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
