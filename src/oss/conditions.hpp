// Conditional request headers (If-Match, If-None-Match, If-Modified-Since,
// If-Unmodified-Since) for GetObject/HeadObject, and their x-oss-copy-source-if-* twins for
// CopyObject, evaluated in the order of RFC 7232 section 6 as OSS does.
#pragma once

#include "common/headers.hpp"
#include "oss/errors.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ossd {

struct Conditions {
  std::string if_match;           // raw header values; empty when absent
  std::string if_none_match;
  std::string if_modified_since;
  std::string if_unmodified_since;
};

// Reads If-* (prefix "") or x-oss-copy-source-if-* (prefix "x-oss-copy-source-") headers.
Conditions read_conditions(const Headers& headers, bool copy_source);

// Ok to proceed; PreconditionFailed (412) or NotModified (304). `etag` is without quotes;
// header etags may be quoted or not, compared case-insensitively; "*" matches any.
// Unparseable dates are ignored, as HTTP says.
Result<void> evaluate_conditions(const Conditions& c, std::string_view etag, int64_t last_modified_s);

}  // namespace ossd
