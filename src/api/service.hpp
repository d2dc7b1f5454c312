// The OSS application: turns a Request into a Response. Cross-cutting work happens once, in
// dispatch.cpp (route, authenticate, resolve the bucket, authorize), then one handler per
// operation runs (one file per operation family). Thread-safe: one Service serves every
// connection; all state lives in the stores.
#pragma once

#include "api/request.hpp"
#include "api/router.hpp"
#include "auth/verifier.hpp"
#include "identity/registry.hpp"
#include "storage/data_store.hpp"
#include "storage/meta_store.hpp"

#include <string>

namespace ossd::api {

struct ServiceConfig {
  RouterConfig router;
  std::string owner_id;  // the account that owns every bucket (root)
  identity::Registry* identities = nullptr;  // users, keys, roles, STS (required)
};

class Service {
 public:
  Service(storage::MetaStore& meta, storage::DataStore& data, ServiceConfig config, auth::KeyLookup keys);

  // Phase one (see request.hpp). Runs on a network thread; may read metadata.
  Prepared prepare(const Request& request);

  // An OSS error response for a request (also used by http/ for protocol-level errors).
  Response error_response(const Request& request, const Error& error) const;

 private:
  storage::MetaStore& meta_;
  storage::DataStore& data_;
  ServiceConfig config_;
  auth::KeyLookup keys_;
};

}  // namespace ossd::api
