// Signature V1 primitives (docs/spec/auth.md c.1): string to sign and signature. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ossd::auth {

// VERB\nContent-MD5\nContent-Type\nDateLine\n<oss headers lines><resource>
std::string v1_string_to_sign(std::string_view method, std::string_view content_md5,
                              std::string_view content_type, std::string_view date_line,
                              std::string_view canonical_oss_headers,
                              std::string_view canonical_resource);

// base64(HMAC-SHA1(secret, string_to_sign))
std::string v1_signature(std::string_view secret, std::string_view string_to_sign);

}  // namespace ossd::auth
