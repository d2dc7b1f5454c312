// An approximation of JavaScript's String.prototype.localeCompare (ICU root collation) for the
// query keys ali-oss sorts that way when it builds a V4 canonical query (spec h.9). Exact for
// printable ASCII; other bytes sort after letters in byte order (good enough: the result is only
// used for a second verification attempt, never to accept an unsigned request).
#pragma once

#include <string_view>

namespace ossd::auth {

// <0, 0, >0 like strcmp.
int locale_compare(std::string_view a, std::string_view b);

}  // namespace ossd::auth
