// Canonical forms of a request for OSS signatures (docs/spec/auth.md a.2 for V4, c.1 for V1).
// Pure functions over already-decoded values; used by both the server-side verifier and the
// client-side signers, so the two cannot disagree. Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/headers.hpp"

namespace ossd::auth {

// Decoded query parameters in wire order (an absent value and an empty one are both "").
using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// How the V4 CanonicalQueryString is written. The default is the spec's rule (byte order of the
// encoded keys, empty value as `k`), which Go v2, Python v2 and C++ follow. ali-oss sorts the
// decoded keys with String.localeCompare and writes an empty string value as `k=` (spec h.9).
struct QueryStyle {
  bool locale_order = false;
  bool empty_with_equals = false;
};

// "/" for service level, "/bucket/" for bucket level, else UriEncode("/bucket/key", keepSlash).
std::string v4_canonical_uri(std::string_view bucket, std::string_view key);

// Every pair except those named `skip` (x-oss-signature for presigned URLs).
std::string v4_canonical_query(const QueryPairs& query, QueryStyle style = {},
                               std::string_view skip = {});

// True for a header name (lowercase) that V4 always signs when present.
bool is_v4_default_signed(std::string_view lower_name);

// Lines "name:value\n" for content-type, content-md5, x-oss-* and the `additional` names
// (lowercase), sorted by name; repeated fields are trimmed and joined with ','.
std::string v4_canonical_headers(const Headers& headers,
                                 const std::vector<std::string>& additional);

std::string v4_canonical_request(std::string_view method, std::string_view uri,
                                 std::string_view query, std::string_view headers,
                                 std::string_view additional, std::string_view hashed_payload);

// Client side: lowercase, drop the names V4 signs anyway and those absent from `headers`,
// deduplicate and sort (what Go v2 does to AdditionalHeaders).
std::vector<std::string> normalize_additional_headers(const std::vector<std::string>& names,
                                                      const Headers& headers);
std::string join_names(const std::vector<std::string>& names);  // "a;b"
std::vector<std::string> split_names(std::string_view list);    // "a;b" -> {a, b}; "" -> {}

// V1 sub-resources (spec c.1): the documented list plus any name starting with "x-oss-".
bool is_v1_subresource(std::string_view name);

// "/bucket/key" with the raw decoded key, then "?sub=v&sub2" for the sub-resources present.
std::string v1_canonical_resource(std::string_view bucket, std::string_view key,
                                  const QueryPairs& query);

// Lines "x-oss-name:value\n", sorted by name; repeated fields joined with ','.
std::string v1_canonical_oss_headers(const Headers& headers);

}  // namespace ossd::auth
