// Bucket policies: PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy. The JSON document
// is validated whole (iam::parse_policy with PolicyKind::Bucket) and stored as sent, so
// GetBucketPolicy returns exactly what was put; authorize.cpp evaluates it on every request.
#include "api/call.hpp"
#include "iam/policy.hpp"

namespace ossd::api {
namespace {

constexpr std::string_view kPolicyConfig = "policy";
constexpr std::size_t kMaxPolicyBytes = 16 * 1024;  // OSS: a bucket policy is at most 16 KB

}  // namespace

Prepared handle_put_bucket_policy(Call& call) {
  if (call.req.content_length && *call.req.content_length > kMaxPolicyBytes)
    return fail(call, Error(ErrorCode::InvalidPolicyDocument, "Invalid Policy: the policy exceeds 16 KB."));
  Prepared p;
  p.handler = buffered_body(
      call,
      [call](std::string body) {
        auto parsed = iam::parse_policy(body, iam::PolicyKind::Bucket, call.route.bucket);
        if (!parsed) return error_response(call, parsed.error());
        if (call.ctx.meta.put_bucket_config(call.route.bucket, std::string(kPolicyConfig), body) != storage::Status::Ok)
          return error_response(call, ErrorCode::NoSuchBucket);
        return Response{};
      },
      kMaxPolicyBytes);
  return p;
}

Prepared handle_get_bucket_policy(Call& call) {
  auto stored = call.ctx.meta.get_bucket_config(call.route.bucket, std::string(kPolicyConfig));
  if (!stored || stored->empty()) return fail(call, ErrorCode::NoSuchBucketPolicy);
  Response r;
  r.headers.set("Content-Type", "application/json");
  r.body = *stored;
  return answer(std::move(r));
}

Prepared handle_delete_bucket_policy(Call& call) {
  if (call.ctx.meta.put_bucket_config(call.route.bucket, std::string(kPolicyConfig), "") != storage::Status::Ok)
    return fail(call, ErrorCode::NoSuchBucket);
  Response r;
  r.status = 204;
  return answer(std::move(r));
}

}  // namespace ossd::api
