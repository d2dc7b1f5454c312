// evaluate: statements against requests (actions, resources, principals, conditions).
#include <gtest/gtest.h>

#include "iam/policy.hpp"

namespace ossd::iam {
namespace {

std::shared_ptr<const Policy> policy(std::string_view json, PolicyKind kind = PolicyKind::Identity,
                                     std::string_view bucket = "b") {
  auto p = parse_policy(json, kind, bucket);
  EXPECT_TRUE(p.has_value()) << (p.has_value() ? "" : std::string(p.error().message_or_default()));
  return p.has_value() ? *p : std::make_shared<const Policy>();
}

RequestContext req(std::string action, std::string resource,
                   std::vector<std::pair<std::string, std::string>> conditions = {}) {
  RequestContext c;
  c.action = std::move(action);
  c.resource = std::move(resource);
  c.conditions = std::move(conditions);
  return c;
}

const char* kObj = "acs:oss:cn-hangzhou:1234:b/dir/photo.jpg";
const char* kBucket = "acs:oss:cn-hangzhou:1234:b";

TEST(EvaluateTest, ActionWildcardsAndCase) {
  auto p = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:Get*","oss:ListObjects"],"Resource":"*"}]})");
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:getobject", kObj)), Effect::Allow);    // actions: case-insensitive
  EXPECT_EQ(evaluate(*p, req("OSS:GETOBJECTACL", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:listobjects", kBucket)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:PutObject", kObj)), Effect::None);
  EXPECT_EQ(evaluate(*p, req("ecs:GetInstance", kObj)), Effect::None);
  auto q = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:?etObject","Resource":"*"}]})");
  EXPECT_EQ(evaluate(*q, req("oss:GetObject", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*q, req("oss:SetObject", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*q, req("oss:GetObjectAcl", kObj)), Effect::None);
  auto all = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  EXPECT_EQ(evaluate(*all, req("sts:AssumeRole", "acs:ram::1234:role/r")), Effect::Allow);
}

TEST(EvaluateTest, ResourceWildcardsAreCaseSensitive) {
  auto p = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*",
      "Resource":["acs:oss:*:*:b/dir/*","acs:oss:*:1234:b"]}]})");
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", "acs:oss:cn-hangzhou:1234:b/Dir/photo.jpg")), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", "acs:oss:cn-hangzhou:1234:B/dir/photo.jpg")), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", "acs:oss:cn-hangzhou:1234:b/other")), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", kBucket)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", "acs:oss:cn-hangzhou:9999:b")), Effect::None);
  // The bucket pattern does not cover objects, nor a bucket whose name starts the same.
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", "acs:oss:cn-hangzhou:1234:b/x")), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", "acs:oss:cn-hangzhou:1234:bb")), Effect::None);
  // The service resource (ListBuckets) is its own thing.
  auto svc = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:ListBuckets","Resource":"acs:oss:*:*:*"}]})");
  EXPECT_EQ(evaluate(*svc, req("oss:ListBuckets", "acs:oss:cn-hangzhou:1234:*")), Effect::Allow);
}

TEST(EvaluateTest, DenyWinsInsideOnePolicy) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Allow","Action":"oss:*","Resource":"acs:oss:*:*:b/*"},
      {"Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:b/dir/*"}]})");
  EXPECT_EQ(evaluate(*p, req("oss:DeleteObject", kObj)), Effect::Deny);
  EXPECT_EQ(evaluate(*p, req("oss:deleteobject", kObj)), Effect::Deny);
  EXPECT_EQ(evaluate(*p, req("oss:DeleteObject", "acs:oss:r:1:b/top.txt")), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj)), Effect::Allow);
}

TEST(EvaluateTest, NotActionAndNotResource) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Allow","NotAction":["oss:Delete*","oss:Put*Acl"],"Resource":"*"},
      {"Effect":"Deny","Action":"oss:GetObject","NotResource":"acs:oss:*:*:b/public/*"}]})");
  EXPECT_EQ(evaluate(*p, req("oss:PutObject", kObj)), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:DeleteObject", kObj)), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:PutObjectAcl", kObj)), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj)), Effect::Deny);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", "acs:oss:r:1:b/public/a.png")), Effect::Allow);
}

// RAM docs: list only under a prefix (StringLike on oss:Prefix, present for ListObjects only).
TEST(EvaluateTest, PrefixWithStringLike) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Allow","Action":"oss:ListObjects","Resource":"acs:oss:*:*:myphotos",
       "Condition":{"StringLike":{"oss:Prefix":"hangzhou/2015/*"}}}]})");
  const char* bucket = "acs:oss:cn-hangzhou:1234:myphotos";
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket, {{"oss:Prefix", "hangzhou/2015/"}})), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket, {{"oss:Prefix", "hangzhou/2015/05/"}})), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket, {{"oss:Prefix", "hangzhou/2016/"}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket, {{"oss:Prefix", "Hangzhou/2015/"}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket, {{"oss:Prefix", ""}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:ListObjects", bucket)), Effect::None);  // key absent
}

TEST(EvaluateTest, SourceIpAndCurrentTimeTogether) {
  auto p = policy(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*",
      "Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","2001:db8::/48"]},
                   "DateLessThan":{"acs:CurrentTime":"2025-01-01T00:00:00Z"}}}]})");
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "10.9.8.7"}, {"acs:CurrentTime", "2024-11-12T08:32:38.000Z"}})), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "2001:db8:0:1::5"}, {"acs:CurrentTime", "2024-11-12T08:32:38.000Z"}})), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "2001:db8:1::5"}, {"acs:CurrentTime", "2024-11-12T08:32:38.000Z"}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "10.9.8.7"}, {"acs:CurrentTime", "2025-01-01T00:00:00.000Z"}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "10.9.8.7"}})), Effect::None);
}

// The usual safety lock: deny everything from outside the office network.
TEST(EvaluateTest, DenyWithNotIpAddress) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Allow","Action":"oss:*","Resource":"*"},
      {"Effect":"Deny","Action":"oss:*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"192.168.0.0/16"}}}]})");
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "192.168.3.4"}})), Effect::Allow);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SourceIp", "8.8.8.8"}})), Effect::Deny);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj)), Effect::Deny);  // unknown source: locked out
}

TEST(EvaluateTest, SecureTransport) {
  auto p = policy(R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*",
      "Condition":{"Bool":{"acs:SecureTransport":"false"}}}]})");
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SecureTransport", "false"}})), Effect::Deny);
  EXPECT_EQ(evaluate(*p, req("oss:GetObject", kObj, {{"acs:SecureTransport", "true"}})), Effect::None);
}

TEST(EvaluateTest, BucketPolicyPrincipals) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Allow","Action":"oss:GetObject","Principal":["2001","arn:sts::1234:assumed-role/reader/*"],"Resource":"acs:oss:*:*:b/*"},
      {"Effect":"Allow","Action":"oss:ListObjects","Principal":"*","Resource":"acs:oss:*:*:b"},
      {"Effect":"Allow","Action":"oss:PutObject","Principal":["1234"],"Resource":"acs:oss:*:*:b/*"}]})",
                  PolicyKind::Bucket, "b");
  RequestContext get = req("oss:GetObject", kObj);
  EXPECT_EQ(evaluate(*p, get), Effect::None);  // anonymous
  get.principal = "2001";
  EXPECT_EQ(evaluate(*p, get), Effect::Allow);
  get.principal = "2002";
  EXPECT_EQ(evaluate(*p, get), Effect::None);
  get.principal = "3003";
  get.principal_arn = "arn:sts::1234:assumed-role/reader/session-1";
  EXPECT_EQ(evaluate(*p, get), Effect::Allow);
  get.principal_arn = "arn:sts::1234:assumed-role/writer/session-1";
  EXPECT_EQ(evaluate(*p, get), Effect::None);

  RequestContext list = req("oss:ListObjects", kBucket);
  EXPECT_EQ(evaluate(*p, list), Effect::Allow);  // "*" includes anonymous

  RequestContext put = req("oss:PutObject", kObj);
  put.principal = "2002";
  EXPECT_EQ(evaluate(*p, put), Effect::None);
  put.principal_account = "1234";  // a Principal naming the account covers its users
  EXPECT_EQ(evaluate(*p, put), Effect::Allow);
}

TEST(EvaluateTest, OwnerOnlySeesStarWithCondition) {
  auto p = policy(R"({"Version":"1","Statement":[
      {"Effect":"Deny","Action":"oss:DeleteObject","Principal":"*","Resource":"acs:oss:*:*:b/*"},
      {"Effect":"Deny","Action":"oss:GetObject","Principal":"*","Resource":"acs:oss:*:*:b/*",
       "Condition":{"Bool":{"acs:SecureTransport":"false"}}},
      {"Effect":"Deny","Action":"oss:PutObject","Principal":["1234"],"Resource":"acs:oss:*:*:b/*",
       "Condition":{"Bool":{"acs:SecureTransport":"false"}}}]})",
                  PolicyKind::Bucket, "b");
  EXPECT_EQ(evaluate_for_owner(*p, req("oss:DeleteObject", kObj)), Effect::None);
  EXPECT_EQ(evaluate_for_owner(*p, req("oss:GetObject", kObj, {{"acs:SecureTransport", "false"}})), Effect::Deny);
  EXPECT_EQ(evaluate_for_owner(*p, req("oss:GetObject", kObj, {{"acs:SecureTransport", "true"}})), Effect::None);
  EXPECT_EQ(evaluate_for_owner(*p, req("oss:PutObject", kObj, {{"acs:SecureTransport", "false"}})), Effect::None);
  EXPECT_EQ(evaluate(*p, req("oss:DeleteObject", kObj)), Effect::Deny);  // everyone else
}

}  // namespace
}  // namespace ossd::iam
