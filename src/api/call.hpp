// What every handler receives: the stores, the request, its route, the caller and the
// bucket, already checked by dispatch.cpp. Plus the few helpers every handler needs to
// answer. Internal to api/.
#pragma once

#include "api/request.hpp"
#include "api/router.hpp"
#include "api/service.hpp"
#include "auth/verifier.hpp"
#include "iam/decide.hpp"
#include "identity/registry.hpp"
#include "storage/data_store.hpp"
#include "storage/meta_store.hpp"

#include <optional>
#include <string>

namespace ossd::api {

struct Context {
  storage::MetaStore& meta;
  storage::DataStore& data;
  const ServiceConfig& config;
  const auth::KeyLookup& keys;  // for handlers that verify a signature themselves (PostObject)
};

struct Call {
  Context ctx;
  const Request& req;  // owned by http/ for the whole request, finish() included
  Route route;
  auth::Identity who;
  std::optional<storage::BucketInfo> bucket;  // set for bucket- and object-level operations
  identity::Caller caller;  // who.access_key_id resolved to a root / user / role session (anonymous by default)

  const Headers& headers() const { return req.headers; }
  std::string_view param(std::string_view name) const { return query_value(route.query, name).value_or(""); }
  bool has_param(std::string_view name) const { return query_has(route.query, name); }
  bool is_head() const { return req.method == "HEAD"; }
};

// Whether the authenticated caller (call.caller) may run call.route.op on call.bucket / key:
// the operation's RAM action and ACL need from operations.def. AccessDenied otherwise.
// (authorize.cpp) The caller is resolved by dispatch from call.who; handlers that authenticate
// themselves (AuthMode::FormSigned) call resolve_caller() first.
Result<void> authorize(const Call& call);
Result<void> resolve_caller(Call& call);
// One object-level check for handlers that touch more than the routed key (CopyObject's
// source; each key of an AuthMode::PerKey operation, with the operation's own action).
Result<void> authorize_object(const Call& call, std::string_view action, const storage::BucketInfo& bucket,
                              const std::string& key, iam::AclNeed need);
// The RAM resource name of a bucket / object ("acs:oss:<region>:<account>:<bucket>[/<key>]").
std::string oss_resource(const Call& call, const std::string& bucket, const std::string& key);
// The evaluation context of a request (action, resource, principal, acs:* and oss:* keys).
iam::RequestContext request_context(const Call& call, std::string_view action, std::string resource);

// An OSS error response for this call (BucketName/Key fields added where OSS adds them).
Response error_response(const Call& call, Error error);
Prepared fail(const Call& call, Error error);
Prepared answer(Response response);
// 200 with an XML body.
Response xml_response(std::string body, int status = 200);

// Collects a small request body (XML documents; capped) and then runs `done` in finish().
std::unique_ptr<BodyHandler> buffered_body(const Call& call, std::function<Response(std::string)> done,
                                           std::size_t limit = 2 * 1024 * 1024);

// Handlers, one per row of operations.def, grouped by family file.
#define OSSD_OPERATION(name, handler, level, auth, action, acl) Prepared handler(Call& call);
#include "api/operations.def"
#undef OSSD_OPERATION

// Access-Control-* headers for an actual request from a page (empty without Origin or rule).
Headers cors_headers_for(storage::MetaStore& meta, const Request& req, const std::string& bucket);

}  // namespace ossd::api
