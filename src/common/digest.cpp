#include "common/digest.hpp"

// The one-shot SHA-1/SHA-256 and the HMACs below use OpenSSL's low-level SHA*_Init/Update/
// Final (deprecated in OpenSSL 3 but kept, and using the same assembly): on the signature
// path they cost no provider dispatch and no heap allocation (docs/performance.md, "V4
// verification"). Streaming MD5 keeps EVP.
#define OPENSSL_SUPPRESS_DEPRECATED

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstring>

#include <stdexcept>

namespace ossd {
namespace {

// OpenSSL 3 looks algorithms up by name (under a lock) on every call made with the legacy
// EVP_md5()-style handles: the digest is fetched once.
const EVP_MD* fetched(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw std::runtime_error(std::string("EVP_MD_fetch failed: ") + name);
  return md;  // kept for the life of the process
}

const EVP_MD* md5_md() { static const EVP_MD* md = fetched("MD5"); return md; }

std::string digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) {
    throw std::runtime_error("EVP_Digest failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

// The low-level hash functions of one algorithm, for hmac() below.
struct Sha1Fns {
  using Ctx = SHA_CTX;
  static constexpr std::size_t kOut = SHA_DIGEST_LENGTH;
  static void init(Ctx* c) { SHA1_Init(c); }
  static void update(Ctx* c, const void* p, std::size_t n) { SHA1_Update(c, p, n); }
  static void final(unsigned char* out, Ctx* c) { SHA1_Final(out, c); }
};
struct Sha256Fns {
  using Ctx = SHA256_CTX;
  static constexpr std::size_t kOut = SHA256_DIGEST_LENGTH;
  static void init(Ctx* c) { SHA256_Init(c); }
  static void update(Ctx* c, const void* p, std::size_t n) { SHA256_Update(c, p, n); }
  static void final(unsigned char* out, Ctx* c) { SHA256_Final(out, c); }
};

// HMAC (RFC 2104) over a 64-byte-block hash: H((K ^ opad) || H((K ^ ipad) || data)).
template <class Fns>
std::string hmac(std::string_view key, std::string_view data) {
  constexpr std::size_t kBlock = 64;
  unsigned char k[kBlock] = {};
  typename Fns::Ctx ctx;
  if (key.size() > kBlock) {
    Fns::init(&ctx);
    Fns::update(&ctx, key.data(), key.size());
    Fns::final(k, &ctx);
  } else {
    std::memcpy(k, key.data(), key.size());
  }
  unsigned char pad[kBlock];
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = k[i] ^ 0x36;
  unsigned char inner[Fns::kOut];
  Fns::init(&ctx);
  Fns::update(&ctx, pad, kBlock);
  Fns::update(&ctx, data.data(), data.size());
  Fns::final(inner, &ctx);
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = k[i] ^ 0x5c;
  std::string out(Fns::kOut, '\0');
  Fns::init(&ctx);
  Fns::update(&ctx, pad, kBlock);
  Fns::update(&ctx, inner, sizeof inner);
  Fns::final(reinterpret_cast<unsigned char*>(out.data()), &ctx);
  OPENSSL_cleanse(k, sizeof k);
  OPENSSL_cleanse(pad, sizeof pad);
  return out;
}

template <class Fns>
std::string one_shot(std::string_view data) {
  typename Fns::Ctx ctx;
  std::string out(Fns::kOut, '\0');
  Fns::init(&ctx);
  Fns::update(&ctx, data.data(), data.size());
  Fns::final(reinterpret_cast<unsigned char*>(out.data()), &ctx);
  return out;
}

}  // namespace

std::string md5(std::string_view data) { return digest(md5_md(), data); }
std::string sha1(std::string_view data) { return one_shot<Sha1Fns>(data); }
std::string sha256(std::string_view data) { return one_shot<Sha256Fns>(data); }
std::string hmac_sha1(std::string_view key, std::string_view data) { return hmac<Sha1Fns>(key, data); }
std::string hmac_sha256(std::string_view key, std::string_view data) { return hmac<Sha256Fns>(key, data); }

bool constant_time_equals(std::string_view a, std::string_view b) {
  // The length of a signature is public (fixed by the scheme), so an early exit on it leaks
  // nothing.
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

struct Md5::Impl {
  EVP_MD_CTX* ctx = nullptr;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Md5::Md5() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, md5_md(), nullptr) != 1) {
    throw std::runtime_error("EVP_DigestInit_ex(md5) failed");
  }
}

Md5::~Md5() = default;
Md5::Md5(Md5&&) noexcept = default;
Md5& Md5::operator=(Md5&&) noexcept = default;

void Md5::update(std::string_view data) {
  if (EVP_DigestUpdate(impl_->ctx, data.data(), data.size()) != 1) {
    throw std::runtime_error("EVP_DigestUpdate failed");
  }
}

std::string Md5::finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(impl_->ctx, out, &len) != 1) {
    throw std::runtime_error("EVP_DigestFinal_ex failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace ossd
