#include "auth/v4.hpp"

#include <mutex>
#include <unordered_map>

#include "common/digest.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {
namespace {

// Bounded so that a flood of distinct (bogus) credentials cannot grow memory without limit;
// clearing everything when full is crude but keeps the hot path a single lookup.
constexpr std::size_t kMaxCachedKeys = 1024;

class SigningKeyCache {
 public:
  std::string get_or_compute(std::string_view secret, std::string_view date,
                             std::string_view region, std::string_view product) {
    std::string id;
    id.append(secret).push_back('\0');
    id.append(date).push_back('\0');
    id.append(region).push_back('\0');
    id.append(product);
    {
      std::lock_guard lock(mutex_);
      if (auto it = keys_.find(id); it != keys_.end()) return it->second;
    }
    std::string key = compute(secret, date, region, product);
    std::lock_guard lock(mutex_);
    if (keys_.size() >= kMaxCachedKeys) keys_.clear();
    keys_.emplace(std::move(id), key);
    return key;
  }

 private:
  static std::string compute(std::string_view secret, std::string_view date,
                             std::string_view region, std::string_view product) {
    std::string date_key = hmac_sha256(std::string("aliyun_v4").append(secret), date);
    std::string region_key = hmac_sha256(date_key, region);
    std::string product_key = hmac_sha256(region_key, product);
    return hmac_sha256(product_key, kV4Terminator);
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::string> keys_;  // GUARDED_BY(mutex_)
};

SigningKeyCache& cache() {
  static SigningKeyCache instance;
  return instance;
}

}  // namespace

std::string v4_scope(std::string_view date, std::string_view region, std::string_view product) {
  std::string out;
  out.append(date).append("/").append(region).append("/").append(product).append("/").append(
      kV4Terminator);
  return out;
}

std::string v4_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                           std::string_view product) {
  return cache().get_or_compute(secret, date, region, product);
}

std::string v4_string_to_sign(std::string_view timestamp, std::string_view scope,
                              std::string_view canonical_request) {
  std::string out;
  out.append(kV4Algorithm).append("\n").append(timestamp).append("\n").append(scope).append("\n");
  out.append(hex_lower(sha256(canonical_request)));
  return out;
}

std::string v4_signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex_lower(hmac_sha256(signing_key, string_to_sign));
}

}  // namespace ossd::auth
