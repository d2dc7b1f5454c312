// The RAM policy language (iam/policy_parse.cpp, condition.cpp) and role trust policies
// (iam/trust.cpp). Each input is parsed as a RAM identity policy, as a bucket policy of
// "examplebucket" and as a trust policy, as PutBucketPolicy, CreatePolicy, AssumeRole's Policy
// and CreateRole read them; what parses is evaluated against requests that exercise every
// condition key type, through iam::decide as authorize.cpp calls it.
#include "iam/decide.hpp"
#include "iam/policy.hpp"
#include "iam/trust.hpp"

#include <string_view>
#include <vector>

namespace {

using ossd::iam::RequestContext;

const std::vector<RequestContext>& contexts() {
  static const std::vector<RequestContext> all = {
      {"oss:GetObject", "acs:oss:*:1234567890123456:examplebucket/dir/a.txt", "", "", "",
       {{"acs:SourceIp", "192.168.1.20"}, {"acs:CurrentTime", "2024-11-12T08:32:39Z"},
        {"acs:SecureTransport", "false"}, {"acs:UserAgent", "aliyun-sdk-js/6.23.0"},
        {"acs:Referer", "http://www.example.com/"}}},
      {"oss:ListObjects", "acs:oss:cn-hangzhou:1234567890123456:examplebucket", "203456789012345678",
       "1234567890123456", "",
       {{"acs:SourceIp", "2001:db8::1"}, {"acs:CurrentTime", "2030-01-01T00:00:00Z"},
        {"acs:SecureTransport", "true"}, {"oss:Prefix", "dir/"}, {"oss:Delimiter", "/"}, {"oss:MaxKeys", "100"}}},
      {"sts:AssumeRole", "acs:ram::1234567890123456:role/reader", "300000000000000001:s1", "1234567890123456",
       "arn:sts::1234567890123456:assumed-role/reader/s1",
       {{"acs:SourceIp", "not an address"}, {"acs:CurrentTime", "garbage"}}},
  };
  return all;
}

void evaluate(const ossd::iam::Policy& policy, bool bucket) {
  using namespace ossd::iam;
  for (const auto& ctx : contexts()) {
    (void)ossd::iam::evaluate(policy, ctx);
    (void)evaluate_for_owner(policy, ctx);
    AccessRequest ar;
    ar.caller = ctx.principal.empty() ? CallerKind::Anonymous : CallerKind::User;
    if (bucket) ar.bucket_policy = &policy;
    else ar.identity_policies.push_back(&policy);
    ar.bucket_acl = "private";
    ar.ctx = ctx;
    (void)decide(ar);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ossd::iam;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  if (auto p = parse_policy(json, PolicyKind::Identity)) evaluate(**p, false);
  if (auto p = parse_policy(json, PolicyKind::Bucket, "examplebucket")) evaluate(**p, true);
  if (auto t = parse_trust_policy(json)) {
    (void)trusts(*t, "1234567890123456", "acs:ram::1234567890123456:user/alice");
    (void)trusts(*t, "1234567890123456", "acs:ram::1234567890123456:assumed-role/reader/s1");
  }
  return 0;
}
