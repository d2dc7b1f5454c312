// decide: the whole OSS permission check for one request, from the caller's kind, the policies
// that apply to it and the ACLs (docs/iam.md, "Policies and decisions"). Pure and thread-safe;
// the caller gathers the policies (already parsed) and the context.
#pragma once

#include <string>
#include <vector>

#include "iam/policy.hpp"

namespace ossd::iam {

enum class CallerKind { Anonymous, Root, User, RoleSession };
enum class AclNeed { None, Read, Write };  // what an ACL grant would have to give

struct AccessRequest {
  CallerKind caller = CallerKind::Anonymous;
  std::vector<const Policy*> identity_policies;  // attached to the user, or to the role of a session
  const Policy* session_policy = nullptr;        // STS AssumeRole inline Policy: narrows the role's
  const Policy* bucket_policy = nullptr;
  std::string bucket_acl;  // "" (no bucket), private, public-read, public-read-write
  std::string object_acl;  // "" (not an object call), default, private, public-read, public-read-write
  AclNeed acl_need = AclNeed::None;
  RequestContext ctx;
};

// Which rule settled the decision, so the caller can pick OSS's error message
// (e.g. "You are denied by bucket policy." for BucketPolicyDeny) without parsing `reason`.
enum class Basis {
  Owner,               // allowed: the account owner (root)
  BucketPolicyAllow,   // allowed by the bucket policy
  IdentityPolicyAllow, // allowed by the user's / role's policies (and the session policy)
  Acl,                 // allowed by a public-read / public-read-write object or bucket ACL
  IdentityPolicyDeny,  // explicit Deny in a user / role policy
  SessionPolicyDeny,   // explicit Deny in the STS session policy
  SessionPolicyNotAllow,  // the STS session policy does not allow it (implicit deny)
  BucketPolicyDeny,    // explicit Deny in the bucket policy
  ImplicitDeny,        // nothing allows it
};

struct Decision {
  bool allowed = false;
  Basis basis = Basis::ImplicitDeny;
  std::string reason;  // for logs and tests, e.g. "explicit Deny in bucket policy"
};

Decision decide(const AccessRequest& request);

}  // namespace ossd::iam
