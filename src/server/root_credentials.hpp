// The root account's access key: from OSSD_ROOT_ACCESS_KEY_ID/SECRET, else kept in the
// metadata store's settings (generated and printed once on first start).
#pragma once

#include "auth/verifier.hpp"
#include "storage/meta_store.hpp"

#include <string>

namespace ossd::server {

struct RootCredentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string owner_id;
};

RootCredentials load_root_credentials(storage::MetaStore& meta);
auth::KeyLookup root_key_lookup(const RootCredentials& root);

}  // namespace ossd::server
