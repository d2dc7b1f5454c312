// Role trust policies (a role's AssumeRolePolicyDocument): who may become the role through STS
// AssumeRole. Same JSON shape as other RAM policies, but the Principal is an object naming RAM
// identities ({"RAM": ["acs:ram::<account>:root" | ":user/<name>" | ":role/<name>"]}) or cloud
// services ({"Service": [...]}, {"Federated": [...]}), and there is no Resource: the resource
// is the role itself. Pure and thread-safe, like the rest of iam/ (docs/iam.md, "Trust policies").
#pragma once

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ossd::iam {

struct TrustStatement {
  bool allow = true;
  std::vector<std::string> actions;        // patterns; "sts:AssumeRole" in practice
  std::vector<std::string> ram_principals;  // ARNs as written
  bool has_condition = false;               // not evaluated: fails closed (see trusts())
};

struct TrustPolicy {
  std::vector<TrustStatement> statements;
};

// Validates the whole document (Version "1", Statement list, Effect, Action, Principal object).
// The error is a message for RAM's MalformedPolicyDocument.
boost::system::result<TrustPolicy, std::string> parse_trust_policy(std::string_view json);

// Whether the caller (a RAM user "acs:ram::<account>:user/<name>" or a role session
// "acs:ram::<account>:assumed-role/<role>/<session>") may assume the role:
//   "acs:ram::<account>:root"        trusts every user and role session of that account;
//   "acs:ram::<account>:user/<name>" that user;  "acs:ram::<account>:role/<name>" sessions of that role.
// ARNs compare case-insensitively. A Deny that names the caller wins; then an Allow must name it.
// Conditions are not evaluated by ossd: an Allow with a Condition never applies, a Deny with one
// always does, so an unsupported condition can only refuse, never grant.
bool trusts(const TrustPolicy& policy, std::string_view account_id, std::string_view caller_arn);

}  // namespace ossd::iam
