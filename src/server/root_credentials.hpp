// The root account's access key: from OSSD_ROOT_ACCESS_KEY_ID/SECRET, else kept in the
// metadata store's settings (generated and printed once on first start).
#pragma once

#include "identity/secret_box.hpp"
#include "storage/meta_store.hpp"

#include <string>

namespace ossd::server {

struct RootCredentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string owner_id;
};

// The secret is kept sealed with the master key (identity/secret_box.hpp), never in clear.
RootCredentials load_root_credentials(storage::MetaStore& meta, const identity::SecretBox& box);

}  // namespace ossd::server
