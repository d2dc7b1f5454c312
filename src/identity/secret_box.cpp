#include "identity/secret_box.hpp"

#include "common/digest.hpp"
#include "common/encoding.hpp"

#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace ossd::identity {
namespace {

constexpr std::size_t kKeySize = 32, kNonceSize = 12, kTagSize = 16;

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {
  if (key_.size() != kKeySize) throw std::runtime_error("master key must be 32 bytes");
}

std::string SecretBox::seal(std::string_view plaintext) const {
  std::string nonce = random_bytes(kNonceSize);
  std::string out(nonce);
  out.resize(kNonceSize + plaintext.size() + kTagSize);
  auto* cipher = reinterpret_cast<unsigned char*>(out.data() + kNonceSize);
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, cipher + plaintext.size()) != 1)
    throw std::runtime_error("AES-GCM encryption failed");
  return base64_encode(out);
}

std::optional<std::string> SecretBox::open(std::string_view sealed) const {
  auto raw = base64_decode(sealed);
  if (!raw || raw->size() < kNonceSize + kTagSize) return std::nullopt;
  std::string_view all(*raw);
  std::string_view nonce = all.substr(0, kNonceSize);
  std::string_view cipher = all.substr(kNonceSize, all.size() - kNonceSize - kTagSize);
  std::string tag(all.substr(all.size() - kTagSize));
  std::string plain(cipher.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), out, &len, bytes(cipher), static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + len, &len) != 1)
    return std::nullopt;
  return plain;
}

std::string SecretBox::derive(std::string_view label) const { return hmac_sha256(key_, label); }

std::string load_or_create_master_key(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    std::string key = random_bytes(kKeySize);
    std::string tmp = path + ".tmp";
    int w = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (w < 0) throw std::runtime_error("cannot create " + tmp + ": " + std::strerror(errno));
    bool ok = ::write(w, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(w) == 0;
    ::close(w);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
    std::string dir = path.substr(0, path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/'));
    if (int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY); d >= 0) {
      ::fsync(d);
      ::close(d);
    }
    return key;
  }
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  std::string key(kKeySize + 1, '\0');
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kKeySize)) throw std::runtime_error(path + " is not a 32-byte key");
  key.resize(kKeySize);
  return key;
}

}  // namespace ossd::identity
