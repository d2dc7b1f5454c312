// HTTP Range header for GetObject, as OSS interprets it: a single "bytes=a-b", "bytes=a-" or
// "bytes=-n". OSS ignores (serves the whole object) a syntactically invalid range or a
// multi-range; an unsatisfiable range (start >= size) is 416 InvalidRange. With the
// x-oss-range-behavior: standard header, invalid ranges are errors too.
#pragma once

#include "oss/errors.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ossd {

struct ByteRange {
  uint64_t first = 0;  // inclusive
  uint64_t last = 0;   // inclusive
  uint64_t length() const { return last - first + 1; }
};

// nullopt: serve the whole object (no Range, or a Range OSS ignores).
// Error InvalidRange: unsatisfiable.
Result<std::optional<ByteRange>> parse_range(std::string_view header, uint64_t object_size,
                                             bool standard_behavior = false);

}  // namespace ossd
