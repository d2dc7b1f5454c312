// Signature V4 (OSS4-HMAC-SHA256) primitives: scope, signing key, string to sign, signature
// (docs/spec/auth.md a.3, a.4). Thread-safe: the signing-key cache is locked.
#pragma once

#include <string>
#include <string_view>

namespace ossd::auth {

inline constexpr std::string_view kV4Algorithm = "OSS4-HMAC-SHA256";
inline constexpr std::string_view kV4Terminator = "aliyun_v4_request";
inline constexpr std::string_view kV4Product = "oss";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// "<date>/<region>/<product>/aliyun_v4_request"
std::string v4_scope(std::string_view date, std::string_view region,
                     std::string_view product = kV4Product);

// The four-step HMAC chain of a.4 (raw 32 bytes). Results are cached per (secret, date, region,
// product): a server sees the same few keys all day, and the chain costs four HMACs.
std::string v4_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                           std::string_view product = kV4Product);

// "OSS4-HMAC-SHA256\n<timestamp>\n<scope>\n<hex sha256(canonical_request)>"
std::string v4_string_to_sign(std::string_view timestamp, std::string_view scope,
                              std::string_view canonical_request);

// Lowercase hex HMAC-SHA256(signing_key, string_to_sign): 64 characters.
std::string v4_signature(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace ossd::auth
