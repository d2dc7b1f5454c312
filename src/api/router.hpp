// Routing is data: a pure function from a request head to the OSS operation it names, with
// the bucket and key resolved by the addressing rules of docs/spec/auth.md section (g), and
// the operation chosen by router.cpp's route table (method, sub-resource, level). Every OSS
// sub-resource the SDKs know is listed (subresources.def): one ossd does not route is refused,
// never served as the plain operation. Operations are operations.def's.
#pragma once

#include "api/operations.hpp"
#include "common/headers.hpp"
#include "oss/errors.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd::api {

// First path segment of the upload page (web_page.cpp); "_" is invalid in bucket names.
inline constexpr std::string_view kWebAssetPath = "_ossd";

struct RouterConfig {
  std::string region = "cn-hangzhou";
  std::vector<std::string> domains = {"localhost"};  // virtual-hosted base domains
};

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

struct Route {
  Operation op = Operation::ListBuckets;
  std::string bucket;  // empty: service level
  std::string key;     // empty: bucket level
  QueryPairs query;    // decoded, wire order
  std::string host;    // Host lowercased, without port
  bool virtual_hosted = false;
  // Rule g.2.6: ali-oss {endpoint: IP, sldEnable: true} sends the bucket in the Host AND the
  // path; when the virtual-hosted reading fails to verify, this path-style reading is tried.
  std::optional<std::pair<std::string, std::string>> path_style_alternative;
};

// Splits and percent-decodes a query string (spec section 1 rule 2). InvalidURI on bad escapes.
Result<QueryPairs> parse_query(std::string_view raw_query);
// First value of a query parameter.
std::optional<std::string_view> query_value(const QueryPairs& q, std::string_view name);
bool query_has(const QueryPairs& q, std::string_view name);

// Every OSS sub-resource name the router knows (subresources.def), sorted. For tests and docs.
std::span<const std::string_view> known_subresources();

// Resolves bucket/key and the operation. Errors: InvalidURI (bad escapes or UTF-8),
// MethodNotAllowed, NotImplemented (a sub-resource ossd does not support yet, or a versionId
// other than "null"), InvalidArgument (two routed sub-resources in one request).
Result<Route> route(std::string_view method, std::string_view host_header, std::string_view raw_path,
                    std::string_view raw_query, const Headers& headers, const RouterConfig& config);

// Switches a route to its path_style_alternative (rule g.2.6) and routes it again.
Result<void> use_path_style_alternative(Route& route, std::string_view method, const Headers& headers);

}  // namespace ossd::api
