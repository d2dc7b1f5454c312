// The shared work of every request, done once: route, authenticate, resolve the bucket,
// authorize, then hand over to the operation's handler.
#include "api/call.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/xml/error_xml.hpp"

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

Prepared run_handler(Call& call) {
  switch (call.route.op) {
    case Operation::ListBuckets: return handle_list_buckets(call);
    case Operation::PutBucket: return handle_put_bucket(call);
    case Operation::DeleteBucket: return handle_delete_bucket(call);
    case Operation::GetBucketInfo: return handle_get_bucket_info(call);
    case Operation::GetBucketLocation: return handle_get_bucket_location(call);
    case Operation::GetBucketAcl: return handle_get_bucket_acl(call);
    case Operation::PutBucketAcl: return handle_put_bucket_acl(call);
    case Operation::ListObjects: return handle_list_objects(call);
    case Operation::ListObjectsV2: return handle_list_objects_v2(call);
    case Operation::DeleteMultipleObjects: return handle_delete_multiple_objects(call);
    case Operation::PutObject: return handle_put_object(call);
    case Operation::CopyObject: return handle_copy_object(call);
    case Operation::GetObject: return handle_get_object(call);
    case Operation::HeadObject: return handle_head_object(call);
    case Operation::GetObjectMeta: return handle_get_object_meta(call);
    case Operation::DeleteObject: return handle_delete_object(call);
    case Operation::PutBucketCors: return handle_put_bucket_cors(call);
    case Operation::GetBucketCors: return handle_get_bucket_cors(call);
    case Operation::DeleteBucketCors: return handle_delete_bucket_cors(call);
    case Operation::OptionObject: return handle_option_object(call);
    case Operation::GetWebAsset: return handle_get_web_asset(call);
    case Operation::PostObject: return handle_post_object(call);
    case Operation::PutObjectAcl: return handle_put_object_acl(call);
    case Operation::GetObjectAcl: return handle_get_object_acl(call);
    case Operation::PutBucketPolicy: return handle_put_bucket_policy(call);
    case Operation::GetBucketPolicy: return handle_get_bucket_policy(call);
    case Operation::DeleteBucketPolicy: return handle_delete_bucket_policy(call);
    case Operation::RpcCall: return handle_rpc(call);
  }
  return fail(call, ErrorCode::InternalError);
}

}  // namespace

namespace {
Prepared prepare_call(Call& call, const auth::KeyLookup& keys);
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

namespace {

Prepared prepare_call(Call& call, const auth::KeyLookup& keys) {
  const Request& req = call.req;
  auto& meta_ = call.ctx.meta;
  const auto& config_ = call.ctx.config;
  const auto& keys_ = keys;
  if (call.route.op == Operation::OptionObject) return handle_option_object(call);
  if (call.route.op == Operation::GetWebAsset) return handle_get_web_asset(call);  // public page
  if (call.route.op == Operation::RpcCall) return handle_rpc(call);  // RPC-signed (api/rpc.cpp)

  // PostObject: OSS ignores header/URL signatures; the handler authenticates the form's
  // fields and then calls authorize() itself (spec d).
  const bool form_signed = call.route.op == Operation::PostObject;
  if (!form_signed) {
    auto who = authenticate(req, call.route, keys_, config_);
    if (!who) return fail(call, who.error());
    call.who = std::move(*who);
    if (auto resolved = resolve_caller(call); !resolved) return fail(call, resolved.error());
  }

  if (!call.route.bucket.empty() && call.route.op != Operation::PutBucket) {
    call.bucket = meta_.get_bucket(call.route.bucket);
    if (!call.bucket) return fail(call, ErrorCode::NoSuchBucket);
  }
  if (form_signed) return handle_post_object(call);
  if (auto allowed = authorize(call); !allowed) return fail(call, allowed.error());
  return run_handler(call);
}

}  // namespace

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
