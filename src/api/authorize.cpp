// The authorization decision for an authenticated call: which OSS action the operation is
// (operations.def, OSS's action names), which resource it touches, and iam::decide over the
// caller's policies, the bucket policy and the ACLs. docs/iam.md explains the rules.
#include "api/call.hpp"
#include "common/time.hpp"
#include "iam/decide.hpp"

#include <map>
#include <mutex>

namespace ossd::api {
namespace {

std::string source_ip(const Request& req) {
  const std::string& a = req.remote_address;
  auto colon = a.rfind(':');
  return colon == std::string::npos ? a : a.substr(0, colon);
}

// Parsed bucket policies, re-parsed only when the stored text changes.
class BucketPolicyCache {
 public:
  std::shared_ptr<const iam::Policy> get(storage::MetaStore& meta, const std::string& bucket) {
    auto text = meta.get_bucket_config(bucket, "policy");
    if (!text || text->empty()) return nullptr;
    std::lock_guard lock(mu_);
    auto& entry = cache_[bucket];
    if (entry.first != *text) {
      auto parsed = iam::parse_policy(*text, iam::PolicyKind::Bucket, bucket);
      // Stored policies were validated on PutBucketPolicy; one that no longer parses grants nothing.
      entry = {*text, parsed ? *parsed : nullptr};
    }
    return entry.second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::shared_ptr<const iam::Policy>>> cache_;
};

BucketPolicyCache& policy_cache() {
  static BucketPolicyCache cache;
  return cache;
}

}  // namespace

std::string oss_resource(const Call& call, const std::string& bucket, const std::string& key) {
  std::string base = "acs:oss:" + call.ctx.config.router.region + ":" + call.ctx.config.owner_id + ":";
  if (bucket.empty()) return base + "*";
  return key.empty() ? base + bucket : base + bucket + "/" + key;
}

iam::RequestContext request_context(const Call& call, std::string_view action, std::string resource) {
  iam::RequestContext ctx;
  ctx.action = action;
  ctx.resource = std::move(resource);
  const identity::Caller& c = call.caller;
  if (c.kind != iam::CallerKind::Anonymous) {
    ctx.principal = c.kind == iam::CallerKind::RoleSession ? c.uid.substr(0, c.uid.find(':')) : c.uid;
    ctx.principal_account = call.ctx.config.owner_id;
    if (c.kind == iam::CallerKind::RoleSession)
      ctx.principal_arn = "arn:sts::" + call.ctx.config.owner_id + ":assumed-role/" + c.name + "/" + c.session;
  }
  ctx.conditions.emplace_back("acs:SourceIp", source_ip(call.req));
  ctx.conditions.emplace_back("acs:CurrentTime", format_iso8601_ms(now_ms()));
  ctx.conditions.emplace_back("acs:SecureTransport", call.req.secure ? "true" : "false");
  if (auto ua = call.headers().find("user-agent")) ctx.conditions.emplace_back("acs:UserAgent", std::string(*ua));
  if (auto ref = call.headers().find("referer")) ctx.conditions.emplace_back("acs:Referer", std::string(*ref));
  if (action == "oss:ListObjects") {
    if (auto p = query_value(call.route.query, "prefix")) ctx.conditions.emplace_back("oss:Prefix", std::string(*p));
    if (auto d = query_value(call.route.query, "delimiter")) ctx.conditions.emplace_back("oss:Delimiter", std::string(*d));
  }
  return ctx;
}

iam::Decision decide_for(const Call& call, std::string_view action, const storage::BucketInfo* bucket,
                         const std::string& key, iam::AclNeed need, bool object_level) {
  const identity::Caller& c = call.caller;
  auto bucket_policy = bucket ? policy_cache().get(call.ctx.meta, bucket->name) : nullptr;
  if (c.kind == iam::CallerKind::Root && !bucket_policy) return {true, iam::Basis::Owner, "owner"};
  iam::AccessRequest ar;
  ar.caller = c.kind;
  for (const auto& p : c.policies) ar.identity_policies.push_back(p.get());
  ar.session_policy = c.session_policy.get();
  ar.bucket_policy = bucket_policy.get();
  ar.acl_need = need;
  if (bucket) ar.bucket_acl = bucket->acl;
  if (object_level && c.kind != iam::CallerKind::Root && need != iam::AclNeed::None) {
    auto meta = call.ctx.meta.get_object(bucket->name, key);
    ar.object_acl = meta ? meta->acl : "default";
  }
  ar.ctx = request_context(call, action, oss_resource(call, bucket ? bucket->name : "", key));
  return iam::decide(ar);
}

Error access_denied_for(const iam::Decision& d) {
  // OSS names a bucket-policy denial; every other refusal is the generic AccessDenied.
  if (d.basis == iam::Basis::BucketPolicyDeny) return Error(ErrorCode::AccessDenied, "You are denied by bucket policy.");
  return Error(ErrorCode::AccessDenied, "You have no right to access this object because of bucket acl.");
}

Result<void> authorize_object(const Call& call, std::string_view action, const storage::BucketInfo& bucket,
                              const std::string& key, iam::AclNeed need) {
  auto d = decide_for(call, action, &bucket, key, need, true);
  if (!d.allowed) return access_denied_for(d);
  return {};
}

Result<void> resolve_caller(Call& call) {
  call.caller = {};
  if (call.who.scheme == auth::Scheme::Anonymous) return {};
  std::optional<std::string_view> token;
  if (!call.who.security_token.empty()) token = call.who.security_token;
  auto c = call.ctx.config.identities->caller(call.who.access_key_id, token);
  if (!c) return Error(ErrorCode::InvalidAccessKeyId).with("OSSAccessKeyId", call.who.access_key_id);
  call.caller = std::move(*c);
  return {};
}

Result<void> authorize(const Call& call) {
  const OperationInfo& info = operation_info(call.route.op);
  switch (info.auth) {
    case AuthMode::Public:
    case AuthMode::RpcSigned: return {};  // the named exceptions of operations.def, nothing else
    case AuthMode::Signed:
    case AuthMode::FormSigned:
    case AuthMode::PerKey: break;
  }
  const storage::BucketInfo* bucket = call.bucket ? &*call.bucket : nullptr;
  auto d = decide_for(call, info.action, bucket, call.route.key, info.acl, info.level == Level::Object);
  if (!d.allowed) return access_denied_for(d);
  return {};
}

}  // namespace ossd::api
