#include "common/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace ossd {
namespace {

// OpenSSL 3 looks algorithms up by name (under a lock) on every call made with the legacy
// EVP_sha256()-style handles or HMAC(). Fetching each algorithm once, and keeping one keyless
// HMAC context per digest to duplicate, removes that lookup from every signature check.
const EVP_MD* fetched(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw std::runtime_error(std::string("EVP_MD_fetch failed: ") + name);
  return md;  // kept for the life of the process
}

const EVP_MD* md5_md() { static const EVP_MD* md = fetched("MD5"); return md; }
const EVP_MD* sha1_md() { static const EVP_MD* md = fetched("SHA1"); return md; }
const EVP_MD* sha256_md() { static const EVP_MD* md = fetched("SHA256"); return md; }

// A keyless HMAC context for `digest_name`, only ever read (duplicated) after creation.
EVP_MAC_CTX* hmac_template(const char* digest_name) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  EVP_MAC_free(mac);  // the context keeps its own reference
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string("digest", const_cast<char*>(digest_name), 0), OSSL_PARAM_construct_end()};
  if (ctx == nullptr || EVP_MAC_CTX_set_params(ctx, params) != 1)
    throw std::runtime_error(std::string("HMAC setup failed: ") + digest_name);
  return ctx;
}

std::string digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) {
    throw std::runtime_error("EVP_Digest failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string hmac(const EVP_MAC_CTX* tmpl, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(tmpl);
  bool ok = ctx != nullptr &&
            EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr) == 1 &&
            EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
            EVP_MAC_final(ctx, out, &len, sizeof out) == 1;
  EVP_MAC_CTX_free(ctx);
  if (!ok) throw std::runtime_error("HMAC failed");
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string md5(std::string_view data) { return digest(md5_md(), data); }
std::string sha1(std::string_view data) { return digest(sha1_md(), data); }
std::string sha256(std::string_view data) { return digest(sha256_md(), data); }
std::string hmac_sha1(std::string_view key, std::string_view data) {
  static const EVP_MAC_CTX* tmpl = hmac_template("SHA1");
  return hmac(tmpl, key, data);
}
std::string hmac_sha256(std::string_view key, std::string_view data) {
  static const EVP_MAC_CTX* tmpl = hmac_template("SHA256");
  return hmac(tmpl, key, data);
}

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
