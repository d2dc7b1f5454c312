// Hashes and MACs over OpenSSL 3 EVP. One-shot functions return raw digest bytes.
// Md5 is incremental, for streaming uploads. Thread-safe (no shared state).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ossd {

std::string md5(std::string_view data);
std::string sha1(std::string_view data);
std::string sha256(std::string_view data);
std::string hmac_sha1(std::string_view key, std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

// Constant-time equality of two strings (signatures).
bool constant_time_equals(std::string_view a, std::string_view b);

// Fills a string with `n` cryptographically random bytes.
std::string random_bytes(std::size_t n);

class Md5 {
 public:
  Md5();
  ~Md5();
  Md5(Md5&&) noexcept;
  Md5& operator=(Md5&&) noexcept;
  void update(std::string_view data);
  std::string finish();  // raw 16 bytes; the object is spent afterwards

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ossd
