// Object ACLs: PutObjectACL (x-oss-object-acl header) and GetObjectACL. "default" means the
// object follows its bucket's ACL; any other value overrides it (authorize.cpp).
#include "api/call.hpp"
#include "api/object_headers.hpp"
#include "oss/xml/acl_xml.hpp"

namespace ossd::api {

Prepared handle_put_object_acl(Call& call) {
  auto acl = call.headers().find("x-oss-object-acl");
  if (!acl || !is_valid_object_acl(*acl))
    return fail(call, Error(ErrorCode::InvalidArgument, "no such object access control exists"));
  Prepared p;
  p.handler = buffered_body(call, [call, acl = std::string(*acl)](std::string) {
    switch (call.ctx.meta.update_object_acl(call.route.bucket, call.route.key, acl)) {
      case storage::Status::Ok: return Response{};
      case storage::Status::NotFound: return error_response(call, ErrorCode::NoSuchKey);
      default: return error_response(call, ErrorCode::InternalError);
    }
  });
  return p;
}

Prepared handle_get_object_acl(Call& call) {
  auto meta = call.ctx.meta.get_object(call.route.bucket, call.route.key);
  if (!meta) return fail(call, ErrorCode::NoSuchKey);
  return answer(xml_response(xml::render_access_control_policy(call.ctx.config.owner_id, meta->acl)));
}

}  // namespace ossd::api
