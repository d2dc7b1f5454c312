// Small string matchers shared by the policy language: the `*` / `?` wildcard of Action,
// Resource, Principal and StringLike, and ASCII case folding. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ossd::iam {

// Whole-string match of `subject` against `pattern`, where `*` matches any run of characters
// (also empty, also across ':' and '/') and `?` exactly one. No escapes: RAM has none.
// Linear backtracking on the last `*` only, so a hostile pattern cannot blow up.
bool wildcard_match(std::string_view pattern, std::string_view subject, bool ignore_case);

// ASCII-only folding: policy names (actions, operators, condition keys) are ASCII.
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

}  // namespace ossd::iam
