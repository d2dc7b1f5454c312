// Role trust policies: which documents CreateRole accepts, and whom a trust policy names.
#include "iam/trust.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ossd::iam {
namespace {

constexpr const char* kAccount = "1234567890123456";
const std::string kAlice = "acs:ram::1234567890123456:user/alice";
const std::string kBob = "acs:ram::1234567890123456:user/bob";
const std::string kSession = "acs:ram::1234567890123456:assumed-role/builder/ci-7";
const std::string kForeignUser = "acs:ram::9999999999999999:user/alice";

TrustPolicy parse(const std::string& json) {
  auto p = parse_trust_policy(json);
  EXPECT_TRUE(p.has_value()) << (p ? "" : p.error());
  return p ? *p : TrustPolicy{};
}

std::string allow_ram(const std::string& principals) {
  return R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":)" +
         principals + "}}]}";
}

TEST(TrustPolicy, AccountRootTrustsEveryUserAndSessionOfThatAccountOnly) {
  TrustPolicy p = parse(allow_ram(R"(["acs:ram::1234567890123456:root"])"));
  EXPECT_TRUE(trusts(p, kAccount, kAlice));
  EXPECT_TRUE(trusts(p, kAccount, kSession));
  EXPECT_FALSE(trusts(p, kAccount, kForeignUser));
  EXPECT_FALSE(trusts(p, kAccount, "acs:ram::1234567890123456:root"));  // the root itself: refused elsewhere too
}

TEST(TrustPolicy, NamedUserOnly) {
  TrustPolicy p = parse(allow_ram(R"("acs:ram::1234567890123456:user/alice")"));  // a string, not a list
  EXPECT_TRUE(trusts(p, kAccount, kAlice));
  EXPECT_TRUE(trusts(p, kAccount, "acs:ram::1234567890123456:user/ALICE"));  // ARNs compare case-insensitively
  EXPECT_FALSE(trusts(p, kAccount, kBob));
  EXPECT_FALSE(trusts(p, kAccount, "acs:ram::1234567890123456:user/alice2"));
  EXPECT_FALSE(trusts(p, kAccount, kSession));
}

TEST(TrustPolicy, RoleNamesSessionsOfThatRoleOnly) {
  TrustPolicy p = parse(allow_ram(R"(["acs:ram::1234567890123456:role/builder"])"));
  EXPECT_TRUE(trusts(p, kAccount, kSession));
  EXPECT_FALSE(trusts(p, kAccount, "acs:ram::1234567890123456:assumed-role/builder2/ci-7"));
  EXPECT_FALSE(trusts(p, kAccount, kAlice));
}

TEST(TrustPolicy, DenyNamingTheCallerWins) {
  TrustPolicy p = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}},
    {"Effect":"Deny","Action":"sts:*","Principal":{"RAM":"acs:ram::1234567890123456:user/bob"}}]})");
  EXPECT_TRUE(trusts(p, kAccount, kAlice));
  EXPECT_FALSE(trusts(p, kAccount, kBob));
}

TEST(TrustPolicy, ActionMustCoverAssumeRole) {
  TrustPolicy p = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":["sts:GetCallerIdentity"],"Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]})");
  EXPECT_FALSE(trusts(p, kAccount, kAlice));
  TrustPolicy wildcard = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"sts:*","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]})");
  EXPECT_TRUE(trusts(wildcard, kAccount, kAlice));
}

TEST(TrustPolicy, ConditionsFailClosed) {
  TrustPolicy allow_if = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]},
     "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]})");
  EXPECT_FALSE(trusts(allow_if, kAccount, kAlice));
  TrustPolicy deny_if = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}},
    {"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]},
     "Condition":{"Bool":{"acs:MFAPresent":"false"}}}]})");
  EXPECT_FALSE(trusts(deny_if, kAccount, kAlice));
}

TEST(TrustPolicy, ServicePrincipalsAreAcceptedButNeverMatch) {
  TrustPolicy p = parse(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com"]}}]})");
  EXPECT_FALSE(trusts(p, kAccount, kAlice));
}

TEST(TrustPolicy, EmptyStatementListTrustsNobody) {
  EXPECT_FALSE(trusts(parse(R"({"Version":"1","Statement":[]})"), kAccount, kAlice));
}

TEST(TrustPolicy, MalformedDocumentsAreRefusedWithAMessageNamingTheField) {
  struct Case {
    const char* json;
    const char* mentions;
  };
  const Case cases[] = {
      {"not json", "JSON object"},
      {R"(["Version"])", "JSON object"},
      {R"({"Statement":[]})", "Version"},
      {R"({"Version":1,"Statement":[]})", "Version"},
      {R"({"Version":"1"})", "Statement"},
      {R"({"Version":"1","Statement":{}})", "Statement"},
      {R"({"Version":"1","Statement":["x"]})", "Statement[0]"},
      {R"({"Version":"1","Statement":[{"Action":"sts:AssumeRole","Principal":{"RAM":["x"]}}]})", "Effect"},
      {R"({"Version":"1","Statement":[{"Effect":"Maybe","Action":"sts:AssumeRole","Principal":{"RAM":["x"]}}]})", "Effect"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":["x"]}}]})", "Action"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":[],"Principal":{"RAM":["x"]}}]})", "Action"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]})", "Principal"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}]})", "Principal"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":["x"]}}]})", "AWS"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":[]}}]})", "RAM"},
      {R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["x"]},"Condition":[]}]})", "Condition"},
  };
  for (const Case& c : cases) {
    auto p = parse_trust_policy(c.json);
    ASSERT_FALSE(p.has_value()) << c.json;
    EXPECT_NE(p.error().find(c.mentions), std::string::npos) << c.json << " -> " << p.error();
  }
}

}  // namespace
}  // namespace ossd::iam
