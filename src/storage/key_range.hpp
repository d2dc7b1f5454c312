// Byte-string helpers for range scans over keys ordered by memcmp. Shared by every MetaStore
// backend so that listing bounds and prefix folding behave identically everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ossd::storage {

// The smallest string greater than every string that starts with `prefix`: increment the last
// byte below 0xFF after dropping trailing 0xFF bytes. nullopt when there is none (empty prefix
// or only 0xFF bytes), meaning "no upper bound".
std::optional<std::string> prefix_successor(std::string_view prefix);

// The smallest string strictly greater than `s` (s followed by a zero byte), which turns an
// exclusive lower bound into an inclusive one.
std::string immediate_successor(std::string_view s);

// The common prefix `key` folds into: key up to and including the first `delimiter` found at
// or after prefix.size(). nullopt if the delimiter is empty or absent there. REQUIRES: key
// starts with prefix.
std::optional<std::string_view> common_prefix_of(std::string_view key, std::string_view prefix,
                                                 std::string_view delimiter);

}  // namespace ossd::storage
