// decide: OSS's documented check order (docs/iam.md; sources in docs/oss-behaviour.md):
// owner -> explicit Deny anywhere -> STS session policy must allow -> bucket policy / RAM policy
// Allow -> object ACL (bucket ACL when "default") -> implicit deny.
#include "iam/decide.hpp"

namespace ossd::iam {
namespace {

Decision allow(Basis basis, std::string reason) { return {true, basis, std::move(reason)}; }
Decision deny(Basis basis, std::string reason) { return {false, basis, std::move(reason)}; }

// All identity policies together: one Deny wins, else one Allow suffices.
Effect combine_identity(const AccessRequest& r) {
  Effect result = Effect::None;
  for (const Policy* p : r.identity_policies) {
    if (!p) continue;
    const Effect e = evaluate(*p, r.ctx);
    if (e == Effect::Deny) return Effect::Deny;
    if (e == Effect::Allow) result = Effect::Allow;
  }
  return result;
}

// The ACL that applies: the object's own unless it is "default" (inherit), else the bucket's.
bool acl_grants(const AccessRequest& r) {
  const std::string& acl =
      (r.object_acl.empty() || r.object_acl == "default") ? r.bucket_acl : r.object_acl;
  switch (r.acl_need) {
    case AclNeed::None: return false;
    case AclNeed::Read: return acl == "public-read" || acl == "public-read-write";
    case AclNeed::Write: return acl == "public-read-write";
  }
  return false;
}

}  // namespace

Decision decide(const AccessRequest& r) {
  if (r.caller == CallerKind::Root) {
    // OSS: a bucket policy with Principal "*" and a Condition binds the owner too (a safety lock
    // such as "deny unless HTTPS"); every other statement leaves the owner alone.
    if (r.bucket_policy && evaluate_for_owner(*r.bucket_policy, r.ctx) == Effect::Deny) {
      return deny(Basis::BucketPolicyDeny, "explicit Deny in bucket policy (Principal * with Condition binds the owner)");
    }
    return allow(Basis::Owner, "account owner");
  }

  // Anonymous callers have no identity; a session policy only exists for role sessions.
  const bool has_identity = r.caller == CallerKind::User || r.caller == CallerKind::RoleSession;
  const Effect identity = has_identity ? combine_identity(r) : Effect::None;
  const bool has_session = r.caller == CallerKind::RoleSession && r.session_policy;
  const Effect session = has_session ? evaluate(*r.session_policy, r.ctx) : Effect::None;
  const Effect bucket = r.bucket_policy ? evaluate(*r.bucket_policy, r.ctx) : Effect::None;

  if (identity == Effect::Deny) return deny(Basis::IdentityPolicyDeny, "explicit Deny in RAM policy");
  if (session == Effect::Deny) return deny(Basis::SessionPolicyDeny, "explicit Deny in STS session policy");
  if (bucket == Effect::Deny) return deny(Basis::BucketPolicyDeny, "explicit Deny in bucket policy");

  // OSS checks the session policy before anything else grants: an STS credential can never do
  // more than its session policy allows, whatever the bucket policy or ACL would give.
  if (has_session && session != Effect::Allow) {
    return deny(Basis::SessionPolicyNotAllow, "STS session policy does not allow it");
  }
  if (bucket == Effect::Allow) return allow(Basis::BucketPolicyAllow, "allowed by bucket policy");
  if (identity == Effect::Allow) return allow(Basis::IdentityPolicyAllow, "allowed by RAM policy");
  if (acl_grants(r)) return allow(Basis::Acl, "allowed by public ACL");
  return deny(Basis::ImplicitDeny, "no policy or ACL allows it");
}

}  // namespace ossd::iam
