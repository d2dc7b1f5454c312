// Routing is data: a pure function from a request head to the OSS operation it names, with
// the bucket and key resolved by the addressing rules of shared/spec/auth.md section (g).
// Operation names are OSS's API names, so a grep from the OSS documentation lands here.
#pragma once

#include "common/headers.hpp"
#include "oss/errors.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd::api {

enum class Operation {
  ListBuckets,
  PutBucket,
  DeleteBucket,
  GetBucketInfo,
  GetBucketLocation,
  GetBucketAcl,
  PutBucketAcl,
  ListObjects,
  ListObjectsV2,
  DeleteMultipleObjects,
  PutObject,
  CopyObject,
  GetObject,
  HeadObject,
  GetObjectMeta,
  DeleteObject,
  PutBucketCors,
  GetBucketCors,
  DeleteBucketCors,
  OptionObject,  // CORS preflight (OPTIONS), bucket or object
  PostObject,    // HTML form upload: POST to the bucket, multipart/form-data body
  GetWebAsset,   // ossd's upload page: GET /_ossd/<name>, path-style hosts only, no auth
  PutObjectAcl,
  GetObjectAcl,
  PutBucketPolicy,
  GetBucketPolicy,
  DeleteBucketPolicy,
  RpcCall,  // the RAM / STS RPC API (POST / or GET /?Action=... at service level): api/rpc.cpp
};

std::string_view operation_name(Operation op);

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

// Resolves bucket/key and the operation. Errors: InvalidURI (bad escapes or UTF-8),
// MethodNotAllowed, NotImplemented (a sub-resource ossd does not support yet).
Result<Route> route(std::string_view method, std::string_view host_header, std::string_view raw_path,
                    std::string_view raw_query, const Headers& headers, const RouterConfig& config);

// Switches a route to its path_style_alternative (rule g.2.6) and routes it again.
Result<void> use_path_style_alternative(Route& route, std::string_view method, const Headers& headers);

}  // namespace ossd::api
