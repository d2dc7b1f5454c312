// The authorization decision for a call whose caller is already authenticated.
#include "api/call.hpp"

namespace ossd::api {
namespace {

bool is_read_operation(Operation op) {
  switch (op) {
    case Operation::GetObject:
    case Operation::HeadObject:
    case Operation::GetObjectMeta:
    case Operation::ListObjects:
    case Operation::ListObjectsV2:
      return true;
    default:
      return false;
  }
}

bool is_object_write_operation(Operation op) {
  return op == Operation::PutObject || op == Operation::CopyObject || op == Operation::DeleteObject ||
         op == Operation::DeleteMultipleObjects;
}

// Anonymous callers get what the bucket ACL grants; signed callers are the root account
// (users and policies come with the identity-and-access work).
}  // namespace

Result<void> authorize(const Call& call) {
  if (call.who.scheme != auth::Scheme::Anonymous) return {};
  if (!call.bucket) return Error(ErrorCode::AccessDenied);
  const std::string& acl = call.bucket->acl;
  Operation op = call.route.op;
  if (is_read_operation(op) && (acl == "public-read" || acl == "public-read-write")) return {};
  if (is_object_write_operation(op) && acl == "public-read-write") return {};
  return Error(ErrorCode::AccessDenied);
}

}  // namespace ossd::api
