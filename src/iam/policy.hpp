// The RAM policy language as ossd accepts it (docs/iam.md, "Policies and decisions"): parsing a
// JSON document into an immutable Policy, and evaluating one Policy against one request.
// Everything here is pure (no I/O, no clock: the caller puts acs:CurrentTime in the context) and
// thread-safe; a parsed Policy is shared read-only between requests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iam/condition.hpp"
#include "oss/errors.hpp"

namespace ossd::iam {

// Identity: a RAM user / role / STS session policy (no Principal allowed).
// Bucket: an OSS bucket policy (Principal required, every Resource inside the bucket).
enum class PolicyKind { Identity, Bucket };

enum class StatementEffect { Allow, Deny };

struct Statement {
  StatementEffect effect = StatementEffect::Allow;
  bool not_action = false;             // NotAction: applies to every action except these
  std::vector<std::string> actions;    // patterns, matched case-insensitively
  bool not_resource = false;           // NotResource
  std::vector<std::string> resources;  // patterns, matched case-sensitively
  // Bucket policies only. principal_any: the list holds "*" (everyone, anonymous included).
  bool principal_any = false;
  std::vector<std::string> principals;  // uids or ARNs, wildcards allowed
  std::vector<Condition> conditions;    // ANDed
};

struct Policy {
  PolicyKind kind = PolicyKind::Identity;
  std::vector<Statement> statements;
};

// Parses and validates the whole document; never half-applies. For Bucket policies `bucket` is the
// bucket the policy is put on: every Resource must be acs:oss:<region>:<account>:<bucket> or
// acs:oss:<region>:<account>:<bucket>/... (region and account may be * or a value).
// Errors: ErrorCode::InvalidPolicyDocument with a message naming the statement and field
// (a wrong Version carries OSS's EC 0030-00000002).
Result<std::shared_ptr<const Policy>> parse_policy(std::string_view json, PolicyKind kind,
                                                   std::string_view bucket = {});

struct RequestContext {
  std::string action;    // "oss:GetObject", "oss:ListObjects", "sts:AssumeRole", ...
  std::string resource;  // "acs:oss:<region>:<account>:<bucket>/<key>", "...:<bucket>",
                         // "acs:oss:<region>:<account>:*" (service), "acs:ram::<account>:role/<name>"
  // Who is calling, for bucket-policy Principal matching. Empty principal = anonymous.
  std::string principal;          // the caller's uid (RAM user id, role id for a role session)
  std::string principal_account;  // the caller's account uid: a Principal naming it matches too
  std::string principal_arn;      // role sessions: "arn:sts::<account>:assumed-role/<role>/<session>"
  // Condition keys, names case-insensitive (acs:SourceIp, acs:CurrentTime, acs:SecureTransport,
  // acs:UserAgent, acs:Referer, oss:Prefix, oss:Delimiter, ...). Absent key = not in the list.
  std::vector<std::pair<std::string, std::string>> conditions;
};

enum class Effect { None, Allow, Deny };

// Deny if any statement that applies denies; else Allow if one allows; else None.
// A statement applies when its action, resource, principal (bucket policies) and every condition match.
Effect evaluate(const Policy& policy, const RequestContext& ctx);

// Only the statements OSS applies to the bucket owner: Principal "*" together with a Condition
// (a bucket policy with Principal "*" and no Condition does not bind the owner). Used by decide().
Effect evaluate_for_owner(const Policy& policy, const RequestContext& ctx);

}  // namespace ossd::iam
