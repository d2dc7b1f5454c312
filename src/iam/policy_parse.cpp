// parse_policy: JSON -> Policy, validating everything first so a bad document is refused whole.
// Messages name the statement ("Statement[0]", zero-based as in a JSON path) and the field.
#include <algorithm>

#include <boost/json.hpp>

#include "iam/duplicate_keys.hpp"
#include "iam/json_fields.hpp"
#include "iam/policy.hpp"

namespace ossd::iam {
namespace {

namespace json = boost::json;

// OSS refuses bucket policies over 16 KB (EC 0030-00000001).
constexpr std::size_t kMaxBucketPolicyBytes = 16 * 1024;

// "*" or <service>:<action-name>, e.g. oss:GetObject, oss:Get*, sts:AssumeRole.
bool valid_action(std::string_view a) {
  if (a == "*") return true;
  const auto colon = a.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < a.size();
}

// acs:oss:<region>:<account>:<bucket>[/<key pattern>] with <bucket> exactly the policy's bucket.
bool in_bucket(std::string_view r, std::string_view bucket) {
  std::string_view rest = r;
  for (std::string_view want : {"acs", "oss"}) {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos || rest.substr(0, colon) != want) return false;
    rest.remove_prefix(colon + 1);
  }
  for (int part = 0; part < 2; ++part) {  // region, account: any value (or *)
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    rest.remove_prefix(colon + 1);
  }
  if (rest.substr(0, bucket.size()) != bucket) return false;
  rest.remove_prefix(bucket.size());
  return rest.empty() || rest.front() == '/';
}

struct Parser {
  PolicyKind kind;
  std::string_view bucket;

  // Action/NotAction and Resource/NotResource: exactly one of the pair, as a string list.
  // Sets `negated` when the Not form was used and `field` to its path for later messages.
  Result<std::vector<std::string>> one_of(const json::object& s, const std::string& name,
                                          const std::string& where, bool& negated, std::string& field) {
    const json::value* pos = s.if_contains(name);
    const json::value* neg = s.if_contains("Not" + name);
    if (pos && neg) return invalid(where + ": " + name + " and Not" + name + " cannot both be present.");
    if (!pos && !neg) return invalid(where + ": " + name + " is required.");
    negated = !pos;
    field = where + (pos ? "." : ".Not") + name;
    return string_list(pos ? *pos : *neg, field);
  }

  Result<void> actions(const json::object& s, Statement& st, const std::string& where) {
    std::string field;
    auto list = one_of(s, "Action", where, st.not_action, field);
    if (!list) return list.error();
    for (const auto& name : *list) {
      if (!valid_action(name)) {
        return invalid(field + ": \"" + name + "\" is not an action (<service>:<name>, e.g. oss:GetObject).");
      }
    }
    st.actions = std::move(*list);
    return {};
  }

  Result<void> resources(const json::object& s, Statement& st, const std::string& where) {
    std::string field;
    auto list = one_of(s, "Resource", where, st.not_resource, field);
    if (!list) return list.error();
    for (const auto& res : *list) {
      if (kind == PolicyKind::Bucket && !in_bucket(res, bucket)) {
        const std::string b(bucket);
        return invalid(field + ": \"" + res + "\" is not in bucket " + b + " (acs:oss:*:*:" + b +
                       " or acs:oss:*:*:" + b + "/...).");
      }
    }
    st.resources = std::move(*list);
    return {};
  }

  Result<void> principal(const json::object& s, Statement& st, const std::string& where) {
    const json::value* p = s.if_contains("Principal");
    if (kind == PolicyKind::Identity) {
      if (p) return invalid(where + ": Principal is not allowed in a RAM policy.");
      return {};
    }
    if (!p) return invalid(where + ": Principal is required in a bucket policy.");
    if (p->is_object()) {
      return invalid(where + ".Principal: a bucket policy takes \"*\" or a list of UIDs, not an object.");
    }
    auto list = string_list(*p, where + ".Principal");
    if (!list) return list.error();
    for (auto& id : *list) {
      if (id == "*") {
        st.principal_any = true;
      } else {
        st.principals.push_back(std::move(id));
      }
    }
    return {};
  }

  Result<Statement> statement(const json::value& v, const std::string& where) {
    if (!v.is_object()) return invalid(where + " must be an object.");
    const json::object& s = v.get_object();
    for (const auto& [k, _] : s) {
      static constexpr std::string_view kKnown[] = {"Effect", "Action", "NotAction", "Resource",
                                                    "NotResource", "Principal", "Condition", "Sid"};
      if (std::find(std::begin(kKnown), std::end(kKnown), std::string_view(k)) == std::end(kKnown)) {
        return invalid(where + ": unknown element \"" + std::string(k) + "\".");
      }
    }
    Statement st;
    const json::value* e = s.if_contains("Effect");
    if (!e) return invalid(where + ": Effect is required.");
    if (e->is_string() && e->get_string() == "Allow") {
      st.effect = StatementEffect::Allow;
    } else if (e->is_string() && e->get_string() == "Deny") {
      st.effect = StatementEffect::Deny;
    } else {
      return invalid(where + ".Effect must be \"Allow\" or \"Deny\".");
    }
    if (const json::value* sid = s.if_contains("Sid"); sid && !sid->is_string()) {
      return invalid(where + ".Sid must be a string.");
    }
    if (auto r = actions(s, st, where); !r) return r.error();
    if (auto r = resources(s, st, where); !r) return r.error();
    if (auto r = principal(s, st, where); !r) return r.error();
    if (const json::value* c = s.if_contains("Condition")) {
      auto conds = parse_conditions(*c, where);
      if (!conds) return conds.error();
      st.conditions = std::move(*conds);
    }
    return st;
  }

  Result<std::shared_ptr<const Policy>> document(std::string_view text) {
    if (kind == PolicyKind::Bucket && text.size() > kMaxBucketPolicyBytes) {
      return invalid("The policy is larger than 16 KB.", "0030-00000001");
    }
    if (kind == PolicyKind::Bucket && bucket.empty()) {
      return Error(ErrorCode::InternalError, "bucket policy parsed without its bucket");
    }
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);  // strict: no comments, no trailing commas, UTF-8 only
    if (ec) return invalid("Invalid JSON: " + ec.message() + ".");
    if (auto dup = find_duplicate_key(text)) return invalid("Invalid JSON: duplicate key \"" + *dup + "\".");
    if (!v.is_object()) return invalid("The policy must be a JSON object.");
    const json::object& doc = v.get_object();
    for (const auto& [k, _] : doc) {
      if (k != "Version" && k != "Statement") {
        return invalid("Unknown element \"" + std::string(k) + "\" (a policy has Version and Statement).");
      }
    }
    const json::value* version = doc.if_contains("Version");
    if (!version) return invalid("Version is required.");
    if (!version->is_string()) return invalid("Version must be the string \"1\".");
    if (version->get_string() != "1") return invalid("Version must be \"1\".", "0030-00000002");
    const json::value* stmts = doc.if_contains("Statement");
    if (!stmts) return invalid("Statement is required.");
    auto policy = std::make_shared<Policy>();
    policy->kind = kind;
    if (stmts->is_object()) {  // a single statement written without the list
      auto st = statement(*stmts, "Statement");
      if (!st) return st.error();
      policy->statements.push_back(std::move(*st));
    } else if (stmts->is_array() && !stmts->get_array().empty()) {
      std::size_t i = 0;
      for (const auto& item : stmts->get_array()) {
        auto st = statement(item, "Statement[" + std::to_string(i++) + "]");
        if (!st) return st.error();
        policy->statements.push_back(std::move(*st));
      }
    } else {
      return invalid("Statement must be a statement object or a non-empty list of them.");
    }
    return std::shared_ptr<const Policy>(std::move(policy));
  }
};

}  // namespace

Result<std::shared_ptr<const Policy>> parse_policy(std::string_view json, PolicyKind kind,
                                                   std::string_view bucket) {
  return Parser{kind, bucket}.document(json);
}

}  // namespace ossd::iam
