#include "oss/conditions.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"

#include <vector>

namespace ossd {
namespace {

struct EntityTag {
  std::string_view value;  // without W/ and quotes
  bool weak = false;
  bool any = false;        // "*"
};

// Splits an If-Match / If-None-Match list on commas outside quotes.
std::vector<EntityTag> parse_etag_list(std::string_view list) {
  std::vector<EntityTag> tags;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '"') quoted = !quoted;
    if (i < list.size() && (list[i] != ',' || quoted)) continue;
    std::string_view item = trim(list.substr(start, i - start));
    start = i + 1;
    if (item.empty()) continue;
    EntityTag tag;
    if (item == "*") tag.any = true;
    if (item.size() >= 2 && (item[0] == 'W' || item[0] == 'w') && item[1] == '/') {
      tag.weak = true;
      item.remove_prefix(2);
    }
    // Clients send OSS ETags both quoted (per HTTP) and bare (as the SDKs echo them).
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
    tag.value = item;
    tags.push_back(tag);
  }
  return tags;
}

// If-Match uses the strong comparison (a weak tag never matches), If-None-Match the weak
// one (RFC 7232 sections 3.1 and 3.2). OSS ETags are hex, so case does not matter.
bool etag_list_matches(std::string_view list, std::string_view etag, bool strong) {
  for (const EntityTag& tag : parse_etag_list(list)) {
    if (tag.any) return true;
    if (strong && tag.weak) continue;
    if (iequals(tag.value, etag)) return true;
  }
  return false;
}

}  // namespace

Conditions read_conditions(const Headers& headers, bool copy_source) {
  std::string prefix = copy_source ? "x-oss-copy-source-" : "";
  Conditions c;
  c.if_match = std::string(headers.get(prefix + "if-match"));
  c.if_none_match = std::string(headers.get(prefix + "if-none-match"));
  c.if_modified_since = std::string(headers.get(prefix + "if-modified-since"));
  c.if_unmodified_since = std::string(headers.get(prefix + "if-unmodified-since"));
  return c;
}

Result<void> evaluate_conditions(const Conditions& c, std::string_view etag, int64_t last_modified_s) {
  // RFC 7232 section 6: If-Match, else If-Unmodified-Since; then If-None-Match, else
  // If-Modified-Since. Dates have one-second resolution, so compare whole seconds.
  if (!c.if_match.empty()) {
    if (!etag_list_matches(c.if_match, etag, true)) return Error(ErrorCode::PreconditionFailed);
  } else if (!c.if_unmodified_since.empty()) {
    auto since = parse_http_date(trim(c.if_unmodified_since));
    if (since && last_modified_s > *since) return Error(ErrorCode::PreconditionFailed);
  }
  if (!c.if_none_match.empty()) {
    if (etag_list_matches(c.if_none_match, etag, false)) return Error(ErrorCode::NotModified);
  } else if (!c.if_modified_since.empty()) {
    auto since = parse_http_date(trim(c.if_modified_since));
    if (since && last_modified_s <= *since) return Error(ErrorCode::NotModified);
  }
  return {};
}

}  // namespace ossd
