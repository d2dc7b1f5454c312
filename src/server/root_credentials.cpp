#include "server/root_credentials.hpp"

#include "common/digest.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace ossd::server {
namespace {

std::string random_alnum(std::size_t n) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string bytes = random_bytes(n);
  std::string out;
  for (unsigned char c : bytes) out.push_back(kAlphabet[c % (sizeof kAlphabet - 1)]);
  return out;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

RootCredentials load_root_credentials(storage::MetaStore& meta, const identity::SecretBox& box) {
  RootCredentials c;
  c.owner_id = meta.get_setting("owner_id").value_or("");
  if (c.owner_id.empty()) {
    // OSS account ids are 16 digits.
    c.owner_id = "1";
    for (unsigned char b : random_bytes(15)) c.owner_id.push_back(static_cast<char>('0' + b % 10));
    meta.put_setting("owner_id", c.owner_id);
  }
  c.access_key_id = env("OSSD_ROOT_ACCESS_KEY_ID");
  c.access_key_secret = env("OSSD_ROOT_ACCESS_KEY_SECRET");
  if (!c.access_key_id.empty() || !c.access_key_secret.empty()) {
    if (c.access_key_id.empty() || c.access_key_secret.empty())
      throw std::runtime_error("set both OSSD_ROOT_ACCESS_KEY_ID and OSSD_ROOT_ACCESS_KEY_SECRET, or neither");
    return c;
  }
  auto id = meta.get_setting("root_access_key_id");
  auto sealed = meta.get_setting("root_access_key_secret_sealed");
  if (id && sealed) {
    auto secret = box.open(*sealed);
    if (!secret) throw std::runtime_error("the root secret cannot be decrypted: master.key does not belong to this data folder");
    c.access_key_id = *id;
    c.access_key_secret = *secret;
    return c;
  }
  if (auto plain = meta.get_setting("root_access_key_secret"); id && plain && !plain->empty()) {
    // Written by an older ossd in clear: seal it, then blank the clear copy.
    c.access_key_id = *id;
    c.access_key_secret = *plain;
    if (meta.put_setting("root_access_key_secret_sealed", box.seal(*plain)) != storage::Status::Ok ||
        meta.put_setting("root_access_key_secret", "") != storage::Status::Ok)
      throw std::runtime_error("cannot seal the stored root secret");
    return c;
  }
  c.access_key_id = "LTAI" + random_alnum(20);
  c.access_key_secret = random_alnum(30);
  if (meta.put_setting("root_access_key_secret_sealed", box.seal(c.access_key_secret)) != storage::Status::Ok ||
      meta.put_setting("root_access_key_id", c.access_key_id) != storage::Status::Ok)
    throw std::runtime_error("cannot store the generated root credentials");
  std::cout << "ossd: generated root credentials (shown once; kept in the data folder):\n"
            << "  OSS_ACCESS_KEY_ID=" << c.access_key_id << "\n"
            << "  OSS_ACCESS_KEY_SECRET=" << c.access_key_secret << std::endl;
  return c;
}

}  // namespace ossd::server
