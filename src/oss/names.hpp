// Bucket and object name rules as OSS enforces them.
#pragma once

#include "oss/errors.hpp"

#include <string_view>

namespace ossd {

// 3-63 chars of [a-z0-9-], starting and ending with a letter or digit.
bool is_valid_bucket_name(std::string_view name);
// Ok, or InvalidObjectName / KeyTooLong: 1..1023 bytes of valid UTF-8, not starting with
// '/' or '\', no control characters that OSS refuses.
Result<void> check_object_name(std::string_view key);

}  // namespace ossd
