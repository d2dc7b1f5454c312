// parse_policy: documents from Alibaba Cloud's docs parse into the expected statements, and
// malformed ones are refused whole with a message naming the statement and field.
#include <gtest/gtest.h>

#include <string>

#include "iam/policy.hpp"

namespace ossd::iam {
namespace {

std::shared_ptr<const Policy> must_parse(std::string_view json, PolicyKind kind,
                                         std::string_view bucket = {}) {
  auto p = parse_policy(json, kind, bucket);
  EXPECT_TRUE(p.has_value()) << (p.has_value() ? "" : std::string(p.error().message_or_default()));
  return p.has_value() ? *p : nullptr;
}

// RAM docs, "list and read resources in a bucket".
TEST(ParsePolicyTest, RamListAndReadExample) {
  auto p = must_parse(R"({ "Version": "1", "Statement": [
      { "Effect": "Allow", "Action": "oss:ListObjects", "Resource": "acs:oss:*:*:myphotos" },
      { "Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:myphotos/*" } ] })",
                      PolicyKind::Identity);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->statements.size(), 2u);
  EXPECT_EQ(p->kind, PolicyKind::Identity);
  EXPECT_EQ(p->statements[0].effect, StatementEffect::Allow);
  EXPECT_EQ(p->statements[0].actions, std::vector<std::string>{"oss:ListObjects"});
  EXPECT_EQ(p->statements[1].resources, std::vector<std::string>{"acs:oss:*:*:myphotos/*"});
  EXPECT_FALSE(p->statements[1].not_action);
  EXPECT_TRUE(p->statements[1].conditions.empty());
}

// RAM docs, "Conditional operators": StringLike on oss:Prefix.
TEST(ParsePolicyTest, RamPrefixConditionExample) {
  auto p = must_parse(R"({ "Version": "1", "Statement": [
      { "Effect": "Allow", "Action": ["oss:GetObject"], "Resource": ["acs:oss:*:*:myphotos/hangzhou/2015/*"] },
      { "Effect": "Allow", "Action": ["oss:ListObjects"], "Resource": ["acs:oss:*:*:myphotos"],
        "Condition": { "StringLike": { "oss:Prefix": "hangzhou/2015/*" } } } ] })",
                      PolicyKind::Identity);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->statements[1].conditions.size(), 1u);
  const Condition& c = p->statements[1].conditions[0];
  EXPECT_EQ(c.op, ConditionOp::StringLike);
  EXPECT_EQ(c.key, "oss:Prefix");
  ASSERT_EQ(c.values.size(), 1u);
  EXPECT_EQ(c.values[0].text, "hangzhou/2015/*");
}

// OSS docs, bucket policy examples: UIDs as Principal, the bucket and its objects as Resource.
TEST(ParsePolicyTest, OssBucketPolicyExample) {
  auto p = must_parse(R"({ "Version": "1", "Statement": [ {
      "Effect": "Allow",
      "Action": ["oss:GetObject", "oss:PutObject", "oss:GetObjectAcl", "oss:PutObjectAcl",
                 "oss:AbortMultipartUpload", "oss:ListParts", "oss:RestoreObject"],
      "Principal": ["27737962156157xxxx", "20214760404935xxxx"],
      "Resource": ["acs:oss:*:174649585760xxxx:examplebucket/*"] },
    { "Effect": "Allow", "Action": ["oss:ListObjects"], "Principal": ["27737962156157xxxx"],
      "Resource": ["acs:oss:*:174649585760xxxx:examplebucket"],
      "Condition": { "StringLike": { "oss:Prefix": ["dir/*"] } } } ] })",
                      PolicyKind::Bucket, "examplebucket");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PolicyKind::Bucket);
  EXPECT_FALSE(p->statements[0].principal_any);
  EXPECT_EQ(p->statements[0].principals.size(), 2u);
  EXPECT_EQ(p->statements[0].actions.size(), 7u);
}

TEST(ParsePolicyTest, OssBucketPolicyWithSourceIpAndAnyone) {
  auto p = must_parse(R"({ "Version": "1", "Statement": [ {
      "Effect": "Deny", "Action": ["oss:*"], "Principal": ["*"],
      "Resource": ["acs:oss:*:*:examplebucket", "acs:oss:*:*:examplebucket/*"],
      "Condition": { "NotIpAddress": { "acs:SourceIp": ["192.168.0.0/16", "2001:db8::/32"] } } } ] })",
                      PolicyKind::Bucket, "examplebucket");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->statements[0].principal_any);
  EXPECT_TRUE(p->statements[0].principals.empty());
  ASSERT_EQ(p->statements[0].conditions.size(), 1u);
  EXPECT_EQ(p->statements[0].conditions[0].values.size(), 2u);
  EXPECT_EQ(p->statements[0].effect, StatementEffect::Deny);
}

// Accepted variations: a lone statement object, strings for lists, "Condition": {} as the RAM
// console writes it, NotAction / NotResource, Sid, bare numbers and booleans as values.
TEST(ParsePolicyTest, AcceptedVariations) {
  auto p = must_parse(R"({ "Statement": { "Sid": "s1", "Effect": "Deny", "NotAction": "oss:Get*",
      "NotResource": "acs:oss:*:*:b/public/*", "Condition": {} }, "Version": "1" })",
                      PolicyKind::Identity);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->statements.size(), 1u);
  EXPECT_TRUE(p->statements[0].not_action);
  EXPECT_TRUE(p->statements[0].not_resource);
  EXPECT_TRUE(p->statements[0].conditions.empty());

  auto q = must_parse(R"({ "Version": "1", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*",
      "Condition": { "Bool": { "acs:SecureTransport": true }, "NumericLessThan": { "oss:max-keys": 100 },
                     "DateLessThan": { "acs:CurrentTime": "2030-01-01T00:00:00+08:00" } } } ] })",
                      PolicyKind::Identity);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->statements[0].conditions.size(), 3u);
  EXPECT_EQ(q->statements[0].conditions[0].values[0].text, "true");
  EXPECT_EQ(q->statements[0].conditions[1].values[0].number, 100);
  EXPECT_EQ(q->statements[0].conditions[2].values[0].time_ms, int64_t{1893456000000} - 8 * 3600 * 1000);
}

TEST(ParsePolicyTest, BucketResourceAccountAndRegionMayBeValues) {
  EXPECT_TRUE(must_parse(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject",
      "Principal":"*","Resource":["acs:oss:cn-hangzhou:1234:b/*","acs:oss:*:1234:b"]}]})",
                         PolicyKind::Bucket, "b"));
}

struct Malformed {
  const char* name;
  std::string json;
  PolicyKind kind;
  std::string message;
  std::string ec = "0030-00000005";
};

void PrintTo(const Malformed& m, std::ostream* os) { *os << m.name; }

std::string stmt(std::string body) { return R"({"Version":"1","Statement":[)" + body + "]}"; }

const char* kOk = R"("Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:b/*")";

std::vector<Malformed> malformed_cases() {
  const auto I = PolicyKind::Identity;
  const auto B = PolicyKind::Bucket;
  return {
      {"BadJson", R"({"Version":"1",)", I, "Invalid JSON: incomplete JSON."},
      {"TrailingComma", R"({"Version":"1","Statement":[],})", I, "Invalid JSON: syntax error."},
      {"NotUtf8", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\xff\"}]}", I,
       "Invalid JSON: syntax error."},
      {"NotAnObject", "[]", I, "The policy must be a JSON object."},
      {"DuplicateEffect", stmt(R"({"Effect":"Deny","Action":"oss:*","Resource":"*","Effect":"Allow"})"), I,
       "Invalid JSON: duplicate key \"Effect\"."},
      {"DuplicateEscapedKey", R"({"Version":"1","Statement":[],"Vers\u0069on":"1"})", I,
       "Invalid JSON: duplicate key \"Version\"."},
      {"VersionAsNumber", R"({"Version":1,"Statement":[]})", I, "Version must be the string \"1\"."},
      {"VersionTwo", R"({"Version":"2","Statement":[]})", I, "Version must be \"1\".", "0030-00000002"},
      {"VersionMissing", R"({"Statement":[]})", I, "Version is required."},
      {"UnknownTopLevel", R"({"Version":"1","Id":"x","Statement":[]})", I,
       "Unknown element \"Id\" (a policy has Version and Statement)."},
      {"StatementMissing", R"({"Version":"1"})", I, "Statement is required."},
      {"StatementEmpty", R"({"Version":"1","Statement":[]})", I,
       "Statement must be a statement object or a non-empty list of them."},
      {"StatementNotObject", stmt(R"("x")"), I, "Statement[0] must be an object."},
      {"EffectLowercase", stmt(std::string("{") + kOk + "},{" + R"("Effect":"allow","Action":"oss:*","Resource":"*"})"),
       I, "Statement[1].Effect must be \"Allow\" or \"Deny\"."},
      {"EffectMissing", stmt(R"({"Action":"oss:*","Resource":"*"})"), I, "Statement[0]: Effect is required."},
      {"ActionMissing", stmt(R"({"Effect":"Allow","Resource":"*"})"), I, "Statement[0]: Action is required."},
      {"ActionAndNotAction", stmt(R"({"Effect":"Allow","Action":"oss:*","NotAction":"oss:Get*","Resource":"*"})"), I,
       "Statement[0]: Action and NotAction cannot both be present."},
      {"ActionWithoutService", stmt(R"({"Effect":"Allow","Action":["oss:GetObject","GetObject"],"Resource":"*"})"), I,
       "Statement[0].Action: \"GetObject\" is not an action (<service>:<name>, e.g. oss:GetObject)."},
      {"ActionNotString", stmt(R"({"Effect":"Allow","Action":[1],"Resource":"*"})"), I,
       "Statement[0].Action must hold only non-empty strings."},
      {"ResourceMissing", stmt(R"({"Effect":"Allow","Action":"oss:*"})"), I, "Statement[0]: Resource is required."},
      {"ResourceEmptyList", stmt(R"({"Effect":"Allow","Action":"oss:*","Resource":[]})"), I,
       "Statement[0].Resource must not be an empty list."},
      {"ResourceEmptyString", stmt(R"({"Effect":"Allow","Action":"oss:*","NotResource":""})"), I,
       "Statement[0].NotResource must be a non-empty string or a list of strings."},
      {"UnknownStatementElement", stmt(std::string("{") + kOk + R"(,"Principle":"*"})"), I,
       "Statement[0]: unknown element \"Principle\"."},
      {"PrincipalInRamPolicy", stmt(std::string("{") + kOk + R"(,"Principal":["*"]})"), I,
       "Statement[0]: Principal is not allowed in a RAM policy."},
      {"PrincipalMissingInBucketPolicy", stmt(std::string("{") + kOk + "}"), B,
       "Statement[0]: Principal is required in a bucket policy."},
      {"PrincipalObject", stmt(std::string("{") + kOk + R"(,"Principal":{"RAM":["acs:ram::1:root"]}})"), B,
       "Statement[0].Principal: a bucket policy takes \"*\" or a list of UIDs, not an object."},
      {"PrincipalEmptyList", stmt(std::string("{") + kOk + R"(,"Principal":[]})"), B,
       "Statement[0].Principal must not be an empty list."},
      {"ResourceOtherBucket", stmt(R"({"Effect":"Allow","Action":"oss:*","Principal":"*","Resource":"acs:oss:*:*:other/*"})"), B,
       "Statement[0].Resource: \"acs:oss:*:*:other/*\" is not in bucket b (acs:oss:*:*:b or acs:oss:*:*:b/...)."},
      {"ResourceBucketPrefix", stmt(R"({"Effect":"Allow","Action":"oss:*","Principal":"*","Resource":"acs:oss:*:*:bb"})"), B,
       "Statement[0].Resource: \"acs:oss:*:*:bb\" is not in bucket b (acs:oss:*:*:b or acs:oss:*:*:b/...)."},
      {"ResourceStarInBucketPolicy", stmt(R"({"Effect":"Allow","Action":"oss:*","Principal":"*","Resource":"*"})"), B,
       "Statement[0].Resource: \"*\" is not in bucket b (acs:oss:*:*:b or acs:oss:*:*:b/...)."},
      {"ResourceWrongService", stmt(R"({"Effect":"Allow","Action":"oss:*","Principal":"*","Resource":"acs:ecs:*:*:b"})"), B,
       "Statement[0].Resource: \"acs:ecs:*:*:b\" is not in bucket b (acs:oss:*:*:b or acs:oss:*:*:b/...)."},
      {"ConditionNotObject", stmt(std::string("{") + kOk + R"(,"Condition":[]})"), I,
       "Statement[0].Condition must be an object of operators."},
      {"UnknownOperator", stmt(std::string("{") + kOk + R"(,"Condition":{"StringEqual":{"acs:UserAgent":"x"}}})"), I,
       "Statement[0].Condition: unknown operator \"StringEqual\"."},
      {"OperatorEmpty", stmt(std::string("{") + kOk + R"(,"Condition":{"StringEquals":{}}})"), I,
       "Statement[0].Condition.StringEquals must be a non-empty object of keys."},
      {"ConditionEmptyValues", stmt(std::string("{") + kOk + R"(,"Condition":{"StringEquals":{"acs:UserAgent":[]}}})"), I,
       "Statement[0].Condition.StringEquals.acs:UserAgent: empty value list."},
      {"ConditionObjectValue", stmt(std::string("{") + kOk + R"(,"Condition":{"StringEquals":{"acs:UserAgent":{}}}})"), I,
       "Statement[0].Condition.StringEquals.acs:UserAgent: values must be strings, numbers or booleans."},
      {"BadIp", stmt(std::string("{") + kOk + R"(,"Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.1","10.0.0.300"]}}})"), I,
       "Statement[0].Condition.IpAddress.acs:SourceIp: \"10.0.0.300\" is not an IP address or CIDR block."},
      {"BadCidrPrefix", stmt(std::string("{") + kOk + R"(,"Condition":{"NotIpAddress":{"acs:SourceIp":"10.0.0.0/33"}}})"), I,
       "Statement[0].Condition.NotIpAddress.acs:SourceIp: \"10.0.0.0/33\" is not an IP address or CIDR block."},
      {"BadIpv6Prefix", stmt(std::string("{") + kOk + R"(,"Condition":{"IpAddress":{"acs:SourceIp":"2001:db8::/129"}}})"), I,
       "Statement[0].Condition.IpAddress.acs:SourceIp: \"2001:db8::/129\" is not an IP address or CIDR block."},
      {"BadDate", stmt(std::string("{") + kOk + R"(,"Condition":{"DateLessThan":{"acs:CurrentTime":"2024-13-01T00:00:00Z"}}})"), I,
       "Statement[0].Condition.DateLessThan.acs:CurrentTime: \"2024-13-01T00:00:00Z\" is not an ISO 8601 time (e.g. 2024-11-12T08:32:38Z)."},
      {"DateWithoutZone", stmt(std::string("{") + kOk + R"(,"Condition":{"DateGreaterThan":{"acs:CurrentTime":"2024-01-01T00:00:00"}}})"), I,
       "Statement[0].Condition.DateGreaterThan.acs:CurrentTime: \"2024-01-01T00:00:00\" is not an ISO 8601 time (e.g. 2024-11-12T08:32:38Z)."},
      {"BadNumber", stmt(std::string("{") + kOk + R"(,"Condition":{"NumericEquals":{"oss:max-keys":"ten"}}})"), I,
       "Statement[0].Condition.NumericEquals.oss:max-keys: \"ten\" is not a number."},
      {"BadBool", stmt(std::string("{") + kOk + R"(,"Condition":{"Bool":{"acs:SecureTransport":"yes"}}})"), I,
       "Statement[0].Condition.Bool.acs:SecureTransport: \"yes\" is not true or false."},
      {"EmptyConditionKey", stmt(std::string("{") + kOk + R"(,"Condition":{"StringLike":{"":"x"}}})"), I,
       "Statement[0].Condition.StringLike: empty condition key."},
      {"TooLarge", R"({"Version":"1","Statement":[)" + std::string(17 * 1024, ' ') + "]}", B,
       "The policy is larger than 16 KB.", "0030-00000001"},
  };
}

class MalformedPolicyTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedPolicyTest, RefusedWithMessage) {
  const Malformed& m = GetParam();
  auto p = parse_policy(m.json, m.kind, "b");
  ASSERT_FALSE(p.has_value());
  const Error& e = p.error();
  EXPECT_EQ(e.code, ErrorCode::InvalidPolicyDocument);
  EXPECT_EQ(e.http_status(), 400);
  EXPECT_EQ(e.code_string(), "InvalidPolicyDocument");
  EXPECT_EQ(e.message_or_default(), m.message);
  EXPECT_EQ(e.ec_or_default(), m.ec);
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedPolicyTest, ::testing::ValuesIn(malformed_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ParsePolicyTest, OneBadStatementRefusesTheWholeDocument) {
  auto p = parse_policy(stmt(std::string("{") + kOk + "},{" + kOk + R"(},{"Effect":"Allow","Action":"oss:*"})"),
                        PolicyKind::Identity);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().message_or_default(), "Statement[2]: Resource is required.");
}

TEST(ParsePolicyTest, SameKeyInDifferentObjectsIsFine) {
  EXPECT_TRUE(parse_policy(stmt(std::string("{") + kOk + "},{" + kOk + R"(,"Condition":{"StringEquals":{"Effect":"x"}}})"),
                           PolicyKind::Identity)
                  .has_value());
  // Braces and quotes inside strings do not confuse the duplicate scan.
  EXPECT_TRUE(parse_policy(stmt(R"({"Effect":"Allow","Action":"oss:*","Resource":"acs:oss:*:*:b/{\"Effect\",}[*"})"),
                           PolicyKind::Identity)
                  .has_value());
}

TEST(ParsePolicyTest, BucketPolicyWithoutBucketIsABug) {
  auto p = parse_policy(stmt(std::string("{") + kOk + R"(,"Principal":"*"})"), PolicyKind::Bucket);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, ErrorCode::InternalError);
}

}  // namespace
}  // namespace ossd::iam
