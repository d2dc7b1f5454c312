// Self-contained STS security tokens. AssumeRole stores nothing: the token carries its claims
// (temporary access key id, role, session, expiry, the optional session policy) and an
// HMAC-SHA256 over them with a key derived from the server's master key, and the temporary
// secret is derived from the access key id the same way. So a token survives restarts, any
// ossd sharing the data folder's master key accepts it, and a forged or altered token fails
// the MAC. Like Alibaba Cloud STS, a token cannot be revoked before it expires (delete the
// role to stop every session of it at once).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ossd::identity {

struct StsClaims {
  std::string access_key_id;  // "STS." + 24 characters
  std::string role;           // role name
  std::string session;        // RoleSessionName
  std::string policy;         // session policy JSON (AssumeRole's Policy), may be empty
  int64_t issued_s = 0;
  int64_t expires_s = 0;
};

std::string mint_sts_token(const StsClaims& claims, std::string_view mac_key);
// nullopt when the token is malformed or its MAC does not verify.
std::optional<StsClaims> parse_sts_token(std::string_view token, std::string_view mac_key);
// The temporary AccessKeySecret of an STS access key id.
std::string sts_secret(std::string_view access_key_id, std::string_view secret_key);

}  // namespace ossd::identity
