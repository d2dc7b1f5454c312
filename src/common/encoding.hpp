// Byte encodings used by OSS: hex, base64 and the URI percent-encoding rules of
// docs/spec/auth.md ("UriEncode"). Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ossd {

std::string hex_lower(std::string_view bytes);
std::string hex_upper(std::string_view bytes);
std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64 (padding required, no whitespace).
std::optional<std::string> base64_decode(std::string_view text);

// OSS UriEncode: keeps A-Z a-z 0-9 - . _ ~ (and '/' when keep_slash); every other byte
// becomes %XY with uppercase hex.
std::string uri_encode(std::string_view s, bool keep_slash = false);

// Percent-decodes once. `plus_is_space` is for query strings (a raw '+' means space there,
// never in paths). nullopt on a malformed escape (%G1, truncated %).
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

bool is_valid_utf8(std::string_view s);

// ASCII lowercase copy / case-insensitive equality.
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

}  // namespace ossd
