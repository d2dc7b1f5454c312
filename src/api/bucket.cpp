// Bucket family: PutBucket, DeleteBucket, GetBucketInfo, GetBucketLocation, GetBucketAcl,
// PutBucketAcl.
#include "api/call.hpp"
#include "common/time.hpp"
#include "oss/names.hpp"
#include "oss/xml/acl_xml.hpp"
#include "oss/xml/bucket_xml.hpp"

namespace ossd::api {
namespace {

std::string extranet_endpoint(const Call& call) { return "oss-" + call.ctx.config.router.region + ".aliyuncs.com"; }
std::string intranet_endpoint(const Call& call) {
  return "oss-" + call.ctx.config.router.region + "-internal.aliyuncs.com";
}

Response ok_empty() {
  Response r;
  return r;
}

// x-oss-acl header, defaulting to private; InvalidArgument for anything else.
Result<std::string> requested_acl(const Call& call) {
  std::string acl(call.headers().find("x-oss-acl").value_or("private"));
  if (!xml::is_valid_bucket_acl(acl)) return Error(ErrorCode::InvalidArgument, "no such bucket access control exists");
  return acl;
}

Response create_bucket(const Call& call, const std::string& acl, const std::string& body) {
  auto conf = xml::parse_create_bucket_configuration(body);
  if (!conf) return error_response(call, conf.error());
  storage::BucketInfo b;
  b.name = call.route.bucket;
  b.region = call.ctx.config.router.region;
  b.acl = acl;
  if (!conf->storage_class.empty()) b.storage_class = conf->storage_class;
  if (!conf->data_redundancy.empty()) b.data_redundancy = conf->data_redundancy;
  b.owner = call.ctx.config.owner_id;
  b.created_ms = now_ms();
  auto status = call.ctx.meta.create_bucket(b);
  if (status == storage::Status::AlreadyExists) return error_response(call, ErrorCode::BucketAlreadyExists);
  if (status != storage::Status::Ok) return error_response(call, ErrorCode::InternalError);
  Response r;
  r.headers.set("Location", "/" + b.name);
  return r;
}

}  // namespace

Prepared handle_put_bucket(Call& call) {
  if (!is_valid_bucket_name(call.route.bucket)) return fail(call, ErrorCode::InvalidBucketName);
  auto acl = requested_acl(call);
  if (!acl) return fail(call, acl.error());
  Prepared p;
  p.handler = buffered_body(call, [call, acl = *acl](std::string body) { return create_bucket(call, acl, body); });
  return p;
}

Prepared handle_delete_bucket(Call& call) {
  Prepared p;
  p.handler = buffered_body(call, [call](std::string) {
    switch (call.ctx.meta.delete_bucket(call.route.bucket)) {
      case storage::Status::Ok: {
        Response r;
        r.status = 204;
        return r;
      }
      case storage::Status::NotFound: return error_response(call, ErrorCode::NoSuchBucket);
      case storage::Status::NotEmpty: return error_response(call, ErrorCode::BucketNotEmpty);
      default: return error_response(call, ErrorCode::InternalError);
    }
  });
  return p;
}

Prepared handle_get_bucket_info(Call& call) {
  xml::Owner owner{call.bucket->owner, call.bucket->owner};
  return answer(xml_response(xml::render_bucket_info(*call.bucket, owner, extranet_endpoint(call), intranet_endpoint(call))));
}

Prepared handle_get_bucket_location(Call& call) {
  return answer(xml_response(xml::render_location(call.bucket->region)));
}

Prepared handle_get_bucket_acl(Call& call) {
  return answer(xml_response(xml::render_access_control_policy(call.bucket->owner, call.bucket->acl)));
}

Prepared handle_put_bucket_acl(Call& call) {
  if (!call.headers().has("x-oss-acl")) return fail(call, Error(ErrorCode::InvalidArgument, "x-oss-acl is required."));
  auto acl = requested_acl(call);
  if (!acl) return fail(call, acl.error());
  Prepared p;
  p.handler = buffered_body(call, [call, acl = *acl](std::string) {
    if (call.ctx.meta.update_bucket_acl(call.route.bucket, acl) != storage::Status::Ok)
      return error_response(call, ErrorCode::NoSuchBucket);
    return ok_empty();
  });
  return p;
}

}  // namespace ossd::api
