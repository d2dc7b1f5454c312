// DeleteObject and DeleteMultipleObjects. Deleting a missing key succeeds (204), as in OSS.
#include "api/call.hpp"
#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "oss/xml/object_xml.hpp"

namespace ossd::api {
namespace {

// Removes one object's metadata, then its blob. Returns false on a storage failure.
bool delete_one(const Call& call, const std::string& key) {
  std::string ref;
  auto status = call.ctx.meta.delete_object(call.route.bucket, key, &ref);
  if (status == storage::Status::NotFound) return true;
  if (status != storage::Status::Ok) return false;
  if (!ref.empty()) call.ctx.data.remove_later(ref);
  return true;
}

Response delete_multiple(const Call& call, const std::string& body) {
  auto content_md5 = call.headers().find("Content-MD5");
  if (!content_md5) return error_response(call, Error(ErrorCode::InvalidDigest, "Missing required header for this request: Content-MD5."));
  if (base64_encode(md5(body)) != *content_md5) return error_response(call, ErrorCode::BadDigest);
  auto request = xml::parse_delete_request(body);
  if (!request) return error_response(call, request.error());
  // AuthMode::PerKey: every key is authorized, for every caller, before any is deleted, so a
  // refusal changes nothing.
  const OperationInfo& op = operation_info(call.route.op);
  for (const auto& key : request->keys)
    if (auto ok = authorize_object(call, op.action, *call.bucket, key, op.acl); !ok)
      return error_response(call, ok.error());
  std::vector<std::string> deleted;
  for (const auto& key : request->keys) {
    if (!delete_one(call, key)) return error_response(call, ErrorCode::InternalError);
    if (!request->quiet) deleted.push_back(key);
  }
  bool url = call.param("encoding-type") == "url";
  return xml_response(xml::render_delete_result(deleted, url));
}

}  // namespace

Prepared handle_delete_object(Call& call) {
  Prepared p;
  p.handler = buffered_body(call, [call](std::string) {
    if (!delete_one(call, call.route.key)) return error_response(call, ErrorCode::InternalError);
    Response r;
    r.status = 204;
    return r;
  });
  return p;
}

Prepared handle_delete_multiple_objects(Call& call) {
  Prepared p;
  p.handler = buffered_body(call, [call](std::string body) { return delete_multiple(call, body); });
  return p;
}

}  // namespace ossd::api
