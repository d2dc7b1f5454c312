#include "auth/canonical.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "auth/locale_order.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {
namespace {

// Spec c.1: the V1 documentation's list united with the official SDKs' lists.
constexpr std::array<std::string_view, 85> kV1SubResources = {"acl",
                                                              "uploads",
                                                              "location",
                                                              "cors",
                                                              "logging",
                                                              "website",
                                                              "referer",
                                                              "lifecycle",
                                                              "delete",
                                                              "append",
                                                              "tagging",
                                                              "objectMeta",
                                                              "uploadId",
                                                              "partNumber",
                                                              "security-token",
                                                              "position",
                                                              "img",
                                                              "style",
                                                              "styleName",
                                                              "replication",
                                                              "replicationProgress",
                                                              "replicationLocation",
                                                              "cname",
                                                              "bucketInfo",
                                                              "comp",
                                                              "qos",
                                                              "live",
                                                              "status",
                                                              "vod",
                                                              "startTime",
                                                              "endTime",
                                                              "symlink",
                                                              "x-oss-process",
                                                              "response-content-type",
                                                              "response-content-language",
                                                              "response-expires",
                                                              "response-cache-control",
                                                              "response-content-disposition",
                                                              "response-content-encoding",
                                                              "x-oss-traffic-limit",
                                                              "udf",
                                                              "udfName",
                                                              "udfImage",
                                                              "udfId",
                                                              "udfImageDesc",
                                                              "udfApplication",
                                                              "udfApplicationLog",
                                                              "restore",
                                                              "callback",
                                                              "callback-var",
                                                              "qosInfo",
                                                              "policy",
                                                              "stat",
                                                              "encryption",
                                                              "versions",
                                                              "versioning",
                                                              "versionId",
                                                              "requestPayment",
                                                              "x-oss-request-payer",
                                                              "sequential",
                                                              "inventory",
                                                              "inventoryId",
                                                              "continuation-token",
                                                              "asyncFetch",
                                                              "worm",
                                                              "wormId",
                                                              "wormExtend",
                                                              "withHashContext",
                                                              "x-oss-enable-md5",
                                                              "x-oss-enable-sha1",
                                                              "x-oss-enable-sha256",
                                                              "x-oss-hash-ctx",
                                                              "x-oss-md5-ctx",
                                                              "transferAcceleration",
                                                              "regionList",
                                                              "cloudboxes",
                                                              "x-oss-ac-source-ip",
                                                              "x-oss-ac-subnet-mask",
                                                              "x-oss-ac-vpc-id",
                                                              "x-oss-ac-forward-allow",
                                                              "metaQuery",
                                                              "resourceGroup",
                                                              "rtc",
                                                              "x-oss-async-process",
                                                              "responseHeader"};

// Groups header values by lowercase name (std::map: sorted by byte order), trimming each value.
std::map<std::string, std::string> lowercase_fields(const Headers& headers,
                                                    bool (*wanted)(std::string_view, const void*),
                                                    const void* ctx) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(name);
    if (!wanted(lower, ctx)) continue;
    auto [it, inserted] = out.try_emplace(lower, std::string(trim(value)));
    if (!inserted) it->second.append(",").append(trim(value));
  }
  return out;
}

std::string render_lines(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) out.append(name).append(":").append(value).append("\n");
  return out;
}

bool starts_with_x_oss(std::string_view s) { return s.starts_with("x-oss-"); }

}  // namespace

std::string v4_canonical_uri(std::string_view bucket, std::string_view key) {
  if (bucket.empty()) return "/";
  std::string path = "/";
  path.append(bucket).append("/").append(key);
  return uri_encode(path, true);
}

std::string v4_canonical_query(const QueryPairs& query, QueryStyle style, std::string_view skip) {
  struct Item {
    std::string_view raw_key;  // points into `query`
    std::string key;
    std::string value;
  };
  std::vector<Item> items;
  items.reserve(query.size());
  for (const auto& [k, v] : query) {
    if (!skip.empty() && k == skip) continue;
    items.push_back({k, uri_encode(k), uri_encode(v)});
  }
  if (style.locale_order) {
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return locale_compare(a.raw_key, b.raw_key) < 0;
    });
  } else {
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.key != b.key ? a.key < b.key : a.value < b.value;
    });
  }
  std::size_t size = 0;
  for (const auto& item : items) size += item.key.size() + item.value.size() + 2;
  std::string out;
  out.reserve(size);
  for (const auto& item : items) {
    if (!out.empty()) out.push_back('&');
    out.append(item.key);
    if (!item.value.empty() || style.empty_with_equals) out.append("=").append(item.value);
  }
  return out;
}

bool is_v4_default_signed(std::string_view lower_name) {
  return lower_name == "content-type" || lower_name == "content-md5" ||
         starts_with_x_oss(lower_name);
}

std::string v4_canonical_headers(const Headers& headers,
                                 const std::vector<std::string>& additional) {
  auto wanted = [](std::string_view name, const void* ctx) {
    const auto& extra = *static_cast<const std::vector<std::string>*>(ctx);
    return is_v4_default_signed(name) || std::find(extra.begin(), extra.end(), name) != extra.end();
  };
  return render_lines(lowercase_fields(headers, wanted, &additional));
}

std::string v4_canonical_request(std::string_view method, std::string_view uri,
                                 std::string_view query, std::string_view headers,
                                 std::string_view additional, std::string_view hashed_payload) {
  std::string out;
  out.reserve(method.size() + uri.size() + query.size() + headers.size() + additional.size() + 64);
  out.append(method).append("\n").append(uri).append("\n").append(query).append("\n");
  out.append(headers).append("\n").append(additional).append("\n").append(hashed_payload);
  return out;
}

std::vector<std::string> normalize_additional_headers(const std::vector<std::string>& names,
                                                      const Headers& headers) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    std::string lower = to_lower(trim(name));
    if (lower.empty() || is_v4_default_signed(lower) || !headers.has(lower)) continue;
    out.push_back(std::move(lower));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out.push_back(';');
    out.append(n);
  }
  return out;
}

std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> out;
  if (list.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = list.find(';', start);
    out.emplace_back(
        list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool is_v1_subresource(std::string_view name) {
  if (name.empty()) return false;
  if (starts_with_x_oss(name)) return true;
  return std::find(kV1SubResources.begin(), kV1SubResources.end(), name) != kV1SubResources.end();
}

std::string v1_canonical_resource(std::string_view bucket, std::string_view key,
                                  const QueryPairs& query) {
  std::string out = "/";
  if (!bucket.empty()) out.append(bucket).append("/").append(key);
  std::vector<std::pair<std::string, std::string>> subs;
  for (const auto& [k, v] : query) {
    if (is_v1_subresource(k)) subs.emplace_back(k, v);
  }
  std::sort(subs.begin(), subs.end());
  for (std::size_t i = 0; i < subs.size(); ++i) {
    out.push_back(i == 0 ? '?' : '&');
    out.append(subs[i].first);
    if (!subs[i].second.empty()) out.append("=").append(subs[i].second);
  }
  return out;
}

std::string v1_canonical_oss_headers(const Headers& headers) {
  auto wanted = [](std::string_view name, const void*) { return starts_with_x_oss(name); };
  return render_lines(lowercase_fields(headers, wanted, nullptr));
}

}  // namespace ossd::auth
