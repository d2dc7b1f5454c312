// Boost.JSON 1.81 keeps the last of two equal keys in an object without a word, so
// {"Effect":"Deny", ..., "Effect":"Allow"} would silently mean Allow. Policies are refused instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ossd::iam {

// REQUIRES: `json` parsed successfully (it is well-formed). Returns the first key that appears
// twice in one object (compared after unescaping, so "Eff\u0065ct" equals "Effect").
std::optional<std::string> find_duplicate_key(std::string_view json);

}  // namespace ossd::iam
