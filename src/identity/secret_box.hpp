// Encryption at rest for secrets the server must be able to read back (access key secrets:
// HMAC signing needs the plaintext, so they cannot be hashed). AES-256-GCM with a random
// 32-byte master key kept in the data folder (`<data>/master.key`, mode 0600), so a copy of
// the metadata database alone does not reveal any secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ossd::identity {

class SecretBox {
 public:
  explicit SecretBox(std::string key);  // 32 raw bytes

  // base64(nonce || ciphertext || tag); a fresh random nonce each call.
  std::string seal(std::string_view plaintext) const;
  // nullopt when the text was not sealed with this key or was altered.
  std::optional<std::string> open(std::string_view sealed) const;
  // A key for another purpose derived from the master key (HMAC-SHA256(master, label)).
  std::string derive(std::string_view label) const;

 private:
  std::string key_;
};

// Reads `path`, or creates it with 32 random bytes (0600, fsync'd) when it does not exist.
// Throws std::runtime_error when it cannot, or when the file has the wrong size.
std::string load_or_create_master_key(const std::string& path);

}  // namespace ossd::identity
