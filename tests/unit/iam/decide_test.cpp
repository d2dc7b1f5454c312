// decide: every rule of OSS's permission check as one table (docs/iam.md, "Policies and decisions").
#include "iam/decide.hpp"

#include <gtest/gtest.h>

#include <map>

namespace ossd::iam {
namespace {

// The policies the rows refer to by name; all put on bucket "b".
const std::map<std::string, std::shared_ptr<const Policy>>& policies() {
  static const auto* all = [] {
    auto* m = new std::map<std::string, std::shared_ptr<const Policy>>;
    auto add = [&](const char* name, PolicyKind kind, const char* json) {
      auto p = parse_policy(json, kind, "b");
      if (!p) ADD_FAILURE() << name << ": " << p.error().message_or_default();
      (*m)[name] = p ? *p : nullptr;
    };
    const auto I = PolicyKind::Identity;
    const auto B = PolicyKind::Bucket;
    add("ram-read", I, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],
        "Resource":["acs:oss:*:*:b","acs:oss:*:*:b/*"]}]})");
    add("ram-all", I, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]})");
    add("ram-deny-delete", I, R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:DeleteObject","Resource":"acs:oss:*:*:b/*"}]})");
    add("ram-office-only", I, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*",
        "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]})");
    add("session-get", I, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:b/*"}]})");
    add("session-deny-secret", I, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"},
        {"Effect":"Deny","Action":"oss:GetObject","Resource":"acs:oss:*:*:b/secret/*"}]})");
    add("bp-public-get", B, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Principal":"*",
        "Resource":"acs:oss:*:*:b/public/*"}]})");
    add("bp-user-put", B, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Principal":["u1"],
        "Resource":"acs:oss:*:*:b/*"}]})");
    add("bp-deny-u2", B, R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Principal":["u2"],
        "Resource":["acs:oss:*:*:b","acs:oss:*:*:b/*"]}]})");
    add("bp-deny-delete-all", B, R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:DeleteObject","Principal":"*",
        "Resource":"acs:oss:*:*:b/*"}]})");
    add("bp-https-only", B, R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Principal":"*",
        "Resource":["acs:oss:*:*:b","acs:oss:*:*:b/*"],"Condition":{"Bool":{"acs:SecureTransport":"false"}}}]})");
    add("bp-account", B, R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Principal":["1234"],
        "Resource":"acs:oss:*:*:b/*"}]})");
    return m;
  }();
  return *all;
}

const Policy* named(const std::string& name) {
  if (name.empty()) return nullptr;
  auto it = policies().find(name);
  EXPECT_NE(it, policies().end()) << name;
  return it == policies().end() ? nullptr : it->second.get();
}

struct Row {
  const char* name;
  CallerKind caller;
  std::vector<std::string> identity;
  std::string session;
  std::string bucket_policy;
  std::string bucket_acl;
  std::string object_acl;
  AclNeed need;
  std::string action;
  std::string key;  // "" = the bucket itself
  bool allowed;
  Basis basis;
  std::string source_ip = "10.1.1.1";
  std::string secure = "true";
  std::string uid = "u1";
};

void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

constexpr auto Anon = CallerKind::Anonymous;
constexpr auto Root = CallerKind::Root;
constexpr auto User = CallerKind::User;
constexpr auto Sess = CallerKind::RoleSession;
constexpr auto R = AclNeed::Read;
constexpr auto W = AclNeed::Write;
constexpr auto N = AclNeed::None;

std::vector<Row> rows() {
  return {
      // 1. The owner.
      {"RootNoPolicies", Root, {}, "", "", "private", "default", R, "oss:GetObject", "k", true, Basis::Owner},
      {"RootIgnoresRamDeny", Root, {"ram-deny-delete"}, "", "", "private", "default", W, "oss:DeleteObject", "k", true, Basis::Owner},
      {"RootIgnoresStarDenyWithoutCondition", Root, {}, "", "bp-deny-delete-all", "private", "default", W, "oss:DeleteObject", "k", true, Basis::Owner},
      {"RootIgnoresUidDeny", Root, {}, "", "bp-deny-u2", "private", "", N, "oss:GetBucketAcl", "", true, Basis::Owner, "10.1.1.1", "true", "u2"},
      {"RootBoundByStarDenyWithCondition", Root, {}, "", "bp-https-only", "private", "default", R, "oss:GetObject", "k", false, Basis::BucketPolicyDeny, "10.1.1.1", "false"},
      {"RootOverHttpsUnaffected", Root, {}, "", "bp-https-only", "private", "default", R, "oss:GetObject", "k", true, Basis::Owner},
      // 2. Explicit Deny anywhere.
      {"RamDenyBeatsRamAllow", User, {"ram-all", "ram-deny-delete"}, "", "", "private", "default", W, "oss:DeleteObject", "k", false, Basis::IdentityPolicyDeny},
      {"RamDenyBeatsBucketAllow", User, {"ram-deny-delete"}, "", "bp-user-put", "private", "default", W, "oss:DeleteObject", "k", false, Basis::IdentityPolicyDeny},
      {"RamDenyBeatsPublicAcl", User, {"ram-deny-delete"}, "", "", "public-read-write", "default", W, "oss:DeleteObject", "k", false, Basis::IdentityPolicyDeny},
      {"BucketDenyBeatsRamAllow", User, {"ram-all"}, "", "bp-deny-u2", "private", "default", R, "oss:GetObject", "k", false, Basis::BucketPolicyDeny, "10.1.1.1", "true", "u2"},
      {"BucketDenyOtherUidDoesNotApply", User, {"ram-all"}, "", "bp-deny-u2", "private", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      {"BucketDenyBeatsPublicAcl", Anon, {}, "", "bp-deny-delete-all", "public-read-write", "default", W, "oss:DeleteObject", "k", false, Basis::BucketPolicyDeny},
      {"BucketStarDenyAppliesToUsers", User, {"ram-all"}, "", "bp-deny-delete-all", "private", "default", W, "oss:DeleteObject", "k", false, Basis::BucketPolicyDeny},
      {"BucketHttpsLockDeniesPlainHttp", User, {"ram-all"}, "", "bp-https-only", "private", "default", R, "oss:GetObject", "k", false, Basis::BucketPolicyDeny, "10.1.1.1", "false"},
      {"BucketHttpsLockLetsHttpsThrough", User, {"ram-all"}, "", "bp-https-only", "private", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      {"SessionDenyBeatsRoleAllow", Sess, {"ram-all"}, "session-deny-secret", "", "private", "default", R, "oss:GetObject", "secret/a", false, Basis::SessionPolicyDeny},
      {"RoleDenyBeatsSessionAllow", Sess, {"ram-deny-delete"}, "session-deny-secret", "", "private", "default", W, "oss:DeleteObject", "k", false, Basis::IdentityPolicyDeny},
      {"AnonymousDeniedByStarDeny", Anon, {}, "", "bp-https-only", "public-read", "default", R, "oss:GetObject", "k", false, Basis::BucketPolicyDeny, "10.1.1.1", "false"},
      // 3. Allow from the bucket policy or the identity policies.
      {"RamAllowRead", User, {"ram-read"}, "", "", "private", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      {"RamAllowList", User, {"ram-read"}, "", "", "private", "", R, "oss:ListObjects", "", true, Basis::IdentityPolicyAllow},
      {"RamReadDoesNotWrite", User, {"ram-read"}, "", "", "private", "default", W, "oss:PutObject", "k", false, Basis::ImplicitDeny},
      {"RamAnyOfSeveralPolicies", User, {"ram-deny-delete", "ram-read"}, "", "", "private", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      {"RamConditionMet", User, {"ram-office-only"}, "", "", "private", "default", W, "oss:PutObject", "k", true, Basis::IdentityPolicyAllow},
      {"RamConditionNotMet", User, {"ram-office-only"}, "", "", "private", "default", W, "oss:PutObject", "k", false, Basis::ImplicitDeny, "192.168.1.1"},
      {"BucketAllowsNamedUser", User, {}, "", "bp-user-put", "private", "default", W, "oss:PutObject", "k", true, Basis::BucketPolicyAllow},
      {"BucketAllowsNamedUserOnly", User, {}, "", "bp-user-put", "private", "default", W, "oss:PutObject", "k", false, Basis::ImplicitDeny, "10.1.1.1", "true", "u3"},
      {"BucketAllowsAccountUsers", User, {}, "", "bp-account", "private", "default", R, "oss:GetObject", "k", true, Basis::BucketPolicyAllow, "10.1.1.1", "true", "u9"},
      {"BucketAllowsAnonymousUnderPublic", Anon, {}, "", "bp-public-get", "private", "default", R, "oss:GetObject", "public/a.png", true, Basis::BucketPolicyAllow},
      {"BucketPublicPrefixOnly", Anon, {}, "", "bp-public-get", "private", "default", R, "oss:GetObject", "private/a.png", false, Basis::ImplicitDeny},
      {"BucketAllowWithoutRamPolicy", Sess, {}, "", "bp-public-get", "private", "default", R, "oss:GetObject", "public/a.png", true, Basis::BucketPolicyAllow},
      {"AnonymousIgnoresIdentityPolicies", Anon, {"ram-all"}, "", "", "private", "default", R, "oss:GetObject", "k", false, Basis::ImplicitDeny},
      {"SessionIntersectsRole", Sess, {"ram-all"}, "session-get", "", "private", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      {"SessionNarrowsRole", Sess, {"ram-all"}, "session-get", "", "private", "default", W, "oss:PutObject", "k", false, Basis::SessionPolicyNotAllow},
      {"SessionCannotWidenRole", Sess, {"ram-read"}, "session-deny-secret", "", "private", "default", W, "oss:PutObject", "k", false, Basis::ImplicitDeny},
      {"SessionWithoutRolePolicy", Sess, {}, "session-get", "", "private", "default", R, "oss:GetObject", "k", false, Basis::ImplicitDeny},
      {"SessionBlocksBucketPolicyAllow", Sess, {}, "session-get", "bp-user-put", "private", "default", W, "oss:PutObject", "k", false, Basis::SessionPolicyNotAllow},
      {"SessionBlocksPublicAcl", Sess, {"ram-all"}, "session-get", "", "public-read-write", "default", W, "oss:PutObject", "k", false, Basis::SessionPolicyNotAllow},
      {"SessionPolicyOnlyForSessions", User, {"ram-all"}, "session-get", "", "private", "default", W, "oss:PutObject", "k", true, Basis::IdentityPolicyAllow},
      {"RoleWithoutSessionPolicy", Sess, {"ram-all"}, "", "", "private", "default", W, "oss:PutObject", "k", true, Basis::IdentityPolicyAllow},
      // 4. ACLs: the object's own unless "default", then the bucket's.
      {"PublicReadBucketRead", Anon, {}, "", "", "public-read", "default", R, "oss:GetObject", "k", true, Basis::Acl},
      {"PublicReadBucketNoWrite", Anon, {}, "", "", "public-read", "default", W, "oss:PutObject", "k", false, Basis::ImplicitDeny},
      {"PublicReadWriteBucketWrite", Anon, {}, "", "", "public-read-write", "", W, "oss:PutObject", "k", true, Basis::Acl},
      {"PublicReadWriteBucketRead", User, {}, "", "", "public-read-write", "", R, "oss:ListObjects", "", true, Basis::Acl},
      {"PrivateObjectInPublicBucket", Anon, {}, "", "", "public-read", "private", R, "oss:GetObject", "k", false, Basis::ImplicitDeny},
      {"PublicObjectInPrivateBucket", Anon, {}, "", "", "private", "public-read", R, "oss:GetObject", "k", true, Basis::Acl},
      {"PublicReadObjectNoWrite", Anon, {}, "", "", "public-read-write", "public-read", W, "oss:PutObjectAcl", "k", false, Basis::ImplicitDeny},
      {"PublicReadWriteObjectWrite", User, {}, "", "", "private", "public-read-write", W, "oss:PutObject", "k", true, Basis::Acl},
      {"AclNeedNoneNeverGrants", Anon, {}, "", "", "public-read-write", "", N, "oss:PutBucketAcl", "", false, Basis::ImplicitDeny},
      {"NoBucketNoAcl", Anon, {}, "", "", "", "", R, "oss:ListBuckets", "*", false, Basis::ImplicitDeny},
      {"UserPolicyBeforeAcl", User, {"ram-read"}, "", "", "public-read", "default", R, "oss:GetObject", "k", true, Basis::IdentityPolicyAllow},
      // 5. Nothing allows it.
      {"AnonymousPrivate", Anon, {}, "", "", "private", "default", R, "oss:GetObject", "k", false, Basis::ImplicitDeny},
      {"UserNoPolicies", User, {}, "", "", "private", "default", R, "oss:GetObject", "k", false, Basis::ImplicitDeny},
  };
}

class DecideTest : public ::testing::TestWithParam<Row> {};

TEST_P(DecideTest, FollowsOssOrder) {
  const Row& r = GetParam();
  AccessRequest a;
  a.caller = r.caller;
  for (const auto& n : r.identity) a.identity_policies.push_back(named(n));
  a.session_policy = named(r.session);
  a.bucket_policy = named(r.bucket_policy);
  a.bucket_acl = r.bucket_acl;
  a.object_acl = r.object_acl;
  a.acl_need = r.need;
  a.ctx.action = r.action;
  a.ctx.resource = r.key == "*"  ? "acs:oss:cn-hangzhou:1234:*"
                   : r.key.empty() ? "acs:oss:cn-hangzhou:1234:b"
                                   : "acs:oss:cn-hangzhou:1234:b/" + r.key;
  if (r.caller != CallerKind::Anonymous) {
    a.ctx.principal = r.uid;
    a.ctx.principal_account = "1234";
  }
  a.ctx.conditions = {{"acs:SourceIp", r.source_ip},
                      {"acs:SecureTransport", r.secure},
                      {"acs:CurrentTime", "2024-11-12T08:32:38.000Z"}};
  const Decision d = decide(a);
  EXPECT_EQ(d.allowed, r.allowed) << d.reason;
  EXPECT_EQ(static_cast<int>(d.basis), static_cast<int>(r.basis)) << d.reason;
  EXPECT_FALSE(d.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Rows, DecideTest, ::testing::ValuesIn(rows()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DecideTest, TableHasEnoughRows) { EXPECT_GE(rows().size(), 40u); }

TEST(DecideTest, NullIdentityPolicyIsSkipped) {
  AccessRequest a;
  a.caller = CallerKind::User;
  a.identity_policies = {nullptr, named("ram-read")};
  a.ctx.action = "oss:GetObject";
  a.ctx.resource = "acs:oss:r:1:b/k";
  EXPECT_TRUE(decide(a).allowed);
}

}  // namespace
}  // namespace ossd::iam
