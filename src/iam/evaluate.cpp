// evaluate: which statements of one policy apply to one request, and what they say.
#include "iam/match.hpp"
#include "iam/policy.hpp"

namespace ossd::iam {
namespace {

bool any_matches(const std::vector<std::string>& patterns, std::string_view subject, bool ignore_case) {
  for (const auto& p : patterns) {
    if (wildcard_match(p, subject, ignore_case)) return true;
  }
  return false;
}

// "*" matches everyone, anonymous included; other entries match the caller's uid, its account's
// uid or its role-session ARN (never an anonymous caller).
bool principal_matches(const Statement& st, const RequestContext& ctx) {
  if (st.principal_any) return true;
  for (const std::string* id : {&ctx.principal, &ctx.principal_account, &ctx.principal_arn}) {
    if (!id->empty() && any_matches(st.principals, *id, false)) return true;
  }
  return false;
}

bool applies(const Policy& policy, const Statement& st, const RequestContext& ctx) {
  // Actions are case-insensitive (oss:getobject = oss:GetObject); resources are not (object keys).
  if (any_matches(st.actions, ctx.action, true) == st.not_action) return false;
  if (any_matches(st.resources, ctx.resource, false) == st.not_resource) return false;
  if (policy.kind == PolicyKind::Bucket && !principal_matches(st, ctx)) return false;
  for (const auto& c : st.conditions) {
    if (!condition_holds(c, ctx.conditions)) return false;
  }
  return true;
}

template <class Filter>
Effect evaluate_if(const Policy& policy, const RequestContext& ctx, Filter keep) {
  Effect result = Effect::None;
  for (const auto& st : policy.statements) {
    if (!keep(st) || !applies(policy, st, ctx)) continue;
    if (st.effect == StatementEffect::Deny) return Effect::Deny;  // nothing can override it
    result = Effect::Allow;
  }
  return result;
}

}  // namespace

Effect evaluate(const Policy& policy, const RequestContext& ctx) {
  return evaluate_if(policy, ctx, [](const Statement&) { return true; });
}

Effect evaluate_for_owner(const Policy& policy, const RequestContext& ctx) {
  if (policy.kind != PolicyKind::Bucket) return Effect::None;
  return evaluate_if(policy, ctx,
                     [](const Statement& st) { return st.principal_any && !st.conditions.empty(); });
}

}  // namespace ossd::iam
