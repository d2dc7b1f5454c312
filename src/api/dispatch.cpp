// The shared work of every request, done once: route, authenticate, resolve the bucket,
// authorize, then hand over to the operation's handler.
#include "api/call.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/xml/error_xml.hpp"

#include <array>
#include <cstddef>

namespace ossd::api {
namespace {

Result<auth::Identity> authenticate(const Request& req, Route& route, const auth::KeyLookup& keys,
                                    const ServiceConfig& config) {
  auto view = [&](const std::string& bucket, const std::string& key) {
    return auth::RequestView{req.method, bucket, key, &route.query, &req.headers, route.host};
  };
  auth::VerifyConfig vc{config.router.region, now_s()};
  auto who = auth::verify(view(route.bucket, route.key), keys, vc);
  if (!who && who.error().code == ErrorCode::SignatureDoesNotMatch && route.path_style_alternative) {
    // Rule g.2.6: ali-oss {endpoint: IP, sldEnable: true}.
    const auto& [bucket, key] = *route.path_style_alternative;
    auto again = auth::verify(view(bucket, key), keys, vc);
    if (again) {
      if (auto rerouted = use_path_style_alternative(route, req.method, req.headers); !rerouted) return rerouted.error();
      return again;
    }
  }
  return who;
}

// The handler of each operation, in operations.def's (and the enum's) order.
using Handler = Prepared (*)(Call&);
constexpr std::array<Handler, kOperationCount> kHandlers = {
#define OSSD_OPERATION(name, handler, level, auth, action, acl) &handler,
#include "api/operations.def"
#undef OSSD_OPERATION
};

Prepared run_handler(Call& call) { return kHandlers[static_cast<std::size_t>(call.route.op)](call); }

Result<void> resolve_bucket(Call& call) {
  // PutBucket names the bucket it creates; every other bucket or object operation needs it.
  if (call.route.bucket.empty() || call.route.op == Operation::PutBucket) return {};
  call.bucket = call.ctx.meta.get_bucket(call.route.bucket);
  if (!call.bucket) return Error(ErrorCode::NoSuchBucket);
  return {};
}

// Authentication and authorization as operations.def's AuthMode column says, then the handler.
Prepared prepare_call(Call& call, const auth::KeyLookup& keys) {
  const OperationInfo& info = operation_info(call.route.op);
  switch (info.auth) {
    case AuthMode::Public:     // the named exceptions: CORS preflight, the upload page
    case AuthMode::RpcSigned:  // api/rpc.cpp verifies the RPC signature and each action
      return run_handler(call);
    case AuthMode::FormSigned:  // OSS ignores header/URL signatures on a form upload (spec d)
      if (auto found = resolve_bucket(call); !found) return fail(call, found.error());
      return run_handler(call);  // authenticates the form, then calls authorize()
    case AuthMode::Signed:
    case AuthMode::PerKey: break;
  }
  auto who = authenticate(call.req, call.route, keys, call.ctx.config);
  if (!who) return fail(call, who.error());
  call.who = std::move(*who);
  if (auto resolved = resolve_caller(call); !resolved) return fail(call, resolved.error());
  if (auto found = resolve_bucket(call); !found) return fail(call, found.error());
  if (info.auth == AuthMode::Signed) {
    if (auto allowed = authorize(call); !allowed) return fail(call, allowed.error());
  }
  return run_handler(call);  // PerKey: the handler authorizes every key before changing anything
}

}  // namespace

Service::Service(storage::MetaStore& meta, storage::DataStore& data, ServiceConfig config, auth::KeyLookup keys)
    : meta_(meta), data_(data), config_(std::move(config)), keys_(std::move(keys)) {}

Prepared Service::prepare(const Request& req) {
  auto routed = route(req.method, req.headers.get("host"), req.raw_path, req.raw_query, req.headers, config_.router);
  if (!routed) return answer(error_response(req, routed.error()));
  Call call{Context{meta_, data_, config_, keys_}, req, std::move(*routed), {}, std::nullopt, {}};
  Prepared p = prepare_call(call, keys_);
  if (call.route.op != Operation::OptionObject) p.extra_headers = cors_headers_for(meta_, req, call.route.bucket);
  p.operation = operation_name(call.route.op);
  p.bucket = call.route.bucket;
  p.key = call.route.key;
  return p;
}

Response Service::error_response(const Request& req, const Error& error) const {
  Route route;
  route.host = to_lower(req.headers.get("host"));
  Call call{Context{meta_, data_, config_, keys_}, req, std::move(route), {}, std::nullopt, {}};
  return api::error_response(call, error);
}

Response error_response(const Call& call, Error error) {
  Response r;
  r.status = error.http_status();
  bool names_bucket = error.code == ErrorCode::NoSuchBucket || error.code == ErrorCode::BucketAlreadyExists ||
                      error.code == ErrorCode::BucketNotEmpty || error.code == ErrorCode::InvalidBucketName;
  if (names_bucket && !call.route.bucket.empty()) error.with("BucketName", call.route.bucket);
  if (error.code == ErrorCode::NoSuchKey && !call.route.key.empty()) error.with("Key", call.route.key);
  std::string host = call.route.host.empty() ? std::string(call.req.headers.get("host")) : call.route.host;
  std::string body = xml::render_error(error, call.req.request_id, host);
  r.headers.set("x-oss-ec", std::string(error.ec_or_default()));
  if (call.req.method == "HEAD") {
    // HEAD responses carry no body: OSS puts the error document in x-oss-err (spec f.1).
    r.headers.set("x-oss-err", base64_encode(body));
    r.omit_body = true;
  }
  r.headers.set("Content-Type", "application/xml");
  r.body = std::move(body);
  return r;
}

Prepared fail(const Call& call, Error error) { return answer(error_response(call, std::move(error))); }

Prepared answer(Response response) {
  Prepared p;
  p.response = std::move(response);
  return p;
}

Response xml_response(std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/xml");
  r.body = std::move(body);
  return r;
}

}  // namespace ossd::api
