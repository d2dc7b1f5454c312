#include "iam/trust.hpp"

#include "iam/json_fields.hpp"
#include "iam/match.hpp"

#include <boost/json.hpp>

namespace ossd::iam {
namespace {

namespace json = boost::json;
using Parsed = boost::system::result<TrustPolicy, std::string>;

bool names_caller(std::string_view principal, std::string_view account_id, std::string_view caller_arn) {
  const std::string account_prefix = "acs:ram::" + std::string(account_id) + ":";
  std::string p = to_lower(principal);
  std::string arn = to_lower(caller_arn);
  if (!p.starts_with(account_prefix) || !arn.starts_with(account_prefix)) return false;
  std::string_view who = std::string_view(p).substr(account_prefix.size());
  std::string_view caller = std::string_view(arn).substr(account_prefix.size());
  if (who == "root") return caller.starts_with("user/") || caller.starts_with("assumed-role/");
  if (who.starts_with("user/")) return caller == who;
  if (who.starts_with("role/")) return caller.starts_with("assumed-role/" + std::string(who.substr(5)) + "/");
  return false;
}

}  // namespace

Parsed parse_trust_policy(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return std::string("The policy document is not a JSON object.");
  const json::object& o = doc.get_object();
  const json::value* version = o.if_contains("Version");
  if (!version || !version->is_string() || version->get_string() != "1")
    return std::string("The policy document must have Version \"1\".");
  const json::value* list = o.if_contains("Statement");
  if (!list || !list->is_array()) return std::string("The policy document must have a Statement list.");
  TrustPolicy out;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const std::string where = "Statement[" + std::to_string(i) + "]";
    const json::value& sv = list->get_array()[i];
    if (!sv.is_object()) return where + " must be an object.";
    const json::object& s = sv.get_object();
    TrustStatement st;
    const json::value* effect = s.if_contains("Effect");
    if (!effect || !effect->is_string() || (effect->get_string() != "Allow" && effect->get_string() != "Deny"))
      return where + ".Effect must be Allow or Deny.";
    st.allow = effect->get_string() == "Allow";
    const json::value* action = s.if_contains("Action");
    if (!action) return where + ".Action is required.";
    auto actions = string_list(*action, where + ".Action");
    if (!actions) return std::string(actions.error().message_or_default());
    st.actions = std::move(*actions);
    const json::value* principal = s.if_contains("Principal");
    if (!principal || !principal->is_object() || principal->get_object().empty())
      return where + ".Principal must be an object such as {\"RAM\": [\"acs:ram::<account>:root\"]}.";
    for (const auto& [kind, value] : principal->get_object()) {
      if (kind != "RAM" && kind != "Service" && kind != "Federated")
        return where + ".Principal: unknown principal type \"" + std::string(kind) + "\".";
      auto names = string_list(value, where + ".Principal." + std::string(kind));
      if (!names) return std::string(names.error().message_or_default());
      if (kind == "RAM") st.ram_principals = std::move(*names);  // services cannot call ossd
    }
    if (const json::value* c = s.if_contains("Condition")) {
      if (!c->is_object()) return where + ".Condition must be an object.";
      st.has_condition = !c->get_object().empty();
    }
    out.statements.push_back(std::move(st));
  }
  return out;
}

bool trusts(const TrustPolicy& policy, std::string_view account_id, std::string_view caller_arn) {
  auto applies = [&](const TrustStatement& s) {
    bool action = false;
    for (const auto& a : s.actions) action = action || wildcard_match(a, "sts:AssumeRole", true);
    if (!action) return false;
    for (const auto& p : s.ram_principals)
      if (names_caller(p, account_id, caller_arn)) return true;
    return false;
  };
  // `applies` ignores conditions: a Deny that names the caller refuses with or without one.
  bool allowed = false;
  for (const auto& s : policy.statements) {
    if (!applies(s)) continue;
    if (!s.allow) return false;
    if (!s.has_condition) allowed = true;
  }
  return allowed;
}

}  // namespace ossd::iam
