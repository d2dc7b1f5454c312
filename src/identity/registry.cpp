#include "identity/registry.hpp"

#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "iam/trust.hpp"
#include "identity/sts_token.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace ossd::identity {
namespace json = boost::json;
namespace {

constexpr std::string_view kSetting = "iam";
constexpr int64_t kMinSessionS = 900, kMaxSessionS = 43200;

std::string random_digits(std::size_t n) {
  std::string out(1, '2');
  for (unsigned char b : random_bytes(n - 1)) out.push_back(static_cast<char>('0' + b % 10));
  return out;
}

std::string random_alnum(std::size_t n) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (unsigned char b : random_bytes(n)) out.push_back(kAlphabet[b % kAlphabet.size()]);
  return out;
}

// RAM's name rules: UserName 1-64 of [A-Za-z0-9._@-]; RoleName 1-64 of [A-Za-z0-9.-];
// PolicyName 1-128 of [A-Za-z0-9-]; RoleSessionName 2-64 of [A-Za-z0-9._@-].
bool valid_name(std::string_view s, std::size_t min, std::size_t max, std::string_view extra) {
  if (s.size() < min || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

RamError error(int status, std::string code, std::string message) { return {status, std::move(code), std::move(message)}; }
RamError not_exist(std::string_view kind, std::string_view name) {
  return error(404, "EntityNotExist." + std::string(kind), "The " + to_lower(kind) + " does not exist: " + std::string(name));
}
RamError already_exists(std::string_view kind, std::string_view name) {
  return error(409, "EntityAlreadyExists." + std::string(kind),
               "The " + to_lower(kind) + " already exists: " + std::string(name));
}
RamError invalid(std::string_view param, std::string_view what) {
  return error(400, "InvalidParameter." + std::string(param), std::string(what));
}

json::array names_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}
std::vector<std::string> names_from(const json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& s : v->as_array()) out.emplace_back(s.as_string());
  return out;
}
std::string str(const json::object& o, const char* k) {
  const json::value* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
int64_t num(const json::object& o, const char* k) {
  const json::value* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : 0;
}

void erase_name(std::vector<std::string>& v, const std::string& name) { std::erase(v, name); }

}  // namespace

Registry::Registry(storage::MetaStore& meta, SecretBox box, std::string account_id, std::string root_key_id,
                   std::string root_secret)
    : meta_(meta), box_(std::move(box)), account_id_(std::move(account_id)), root_key_id_(std::move(root_key_id)),
      root_secret_(std::move(root_secret)), sts_mac_key_(box_.derive("sts-token")),
      sts_secret_key_(box_.derive("sts-secret")) {
  auto state = std::make_shared<State>();
  if (auto doc = meta_.get_setting(std::string(kSetting)); doc && !doc->empty()) {
    boost::system::error_code ec;
    json::value v = json::parse(*doc, ec);
    if (ec || !v.is_object()) throw std::runtime_error("the identity document (setting \"iam\") is not valid JSON");
    const json::object& root = v.as_object();
    auto each = [&](const char* name, auto fn) {
      if (const json::value* a = root.if_contains(name); a && a->is_array())
        for (const auto& item : a->as_array()) fn(item.as_object());
    };
    each("users", [&](const json::object& o) {
      User u{str(o, "id"), str(o, "name"), str(o, "display_name"), str(o, "comments"), num(o, "created"),
             names_from(o.if_contains("policies"))};
      state->users[u.name] = u;
    });
    each("keys", [&](const json::object& o) {
      const json::value* active = o.if_contains("active");
      AccessKey k{str(o, "id"), str(o, "user"), str(o, "secret"), !active || active->as_bool(), num(o, "created")};
      state->keys[k.id] = k;
    });
    each("roles", [&](const json::object& o) {
      Role r{str(o, "id"), str(o, "name"), str(o, "description"), str(o, "trust"), num(o, "max_session"),
             num(o, "created"), names_from(o.if_contains("policies"))};
      state->roles[r.name] = r;
    });
    each("policies", [&](const json::object& o) {
      ManagedPolicy p{str(o, "name"), str(o, "description"), str(o, "document"), num(o, "created"), nullptr};
      auto parsed = iam::parse_policy(p.document, iam::PolicyKind::Identity);
      if (!parsed) throw std::runtime_error("stored policy " + p.name + " no longer parses: " + parsed.error().message);
      p.parsed = *parsed;
      state->policies[p.name] = p;
    });
  }
  state_ = std::move(state);
}

std::shared_ptr<const Registry::State> Registry::snapshot() const {
  std::lock_guard lock(snapshot_mu_);
  return state_;
}

RamResult<void> Registry::commit(std::shared_ptr<State> next) {
  json::object root;
  root["version"] = 1;
  json::array users, keys, roles, policies;
  for (const auto& [_, u] : next->users)
    users.push_back(json::object{{"id", u.id}, {"name", u.name}, {"display_name", u.display_name},
                                 {"comments", u.comments}, {"created", u.created_s}, {"policies", names_json(u.policies)}});
  for (const auto& [_, k] : next->keys)
    keys.push_back(json::object{{"id", k.id}, {"user", k.user}, {"secret", k.sealed_secret}, {"active", k.active},
                                {"created", k.created_s}});
  for (const auto& [_, r] : next->roles)
    roles.push_back(json::object{{"id", r.id}, {"name", r.name}, {"description", r.description},
                                 {"trust", r.trust_policy}, {"max_session", r.max_session_s},
                                 {"created", r.created_s}, {"policies", names_json(r.policies)}});
  for (const auto& [_, p] : next->policies)
    policies.push_back(json::object{{"name", p.name}, {"description", p.description}, {"document", p.document},
                                    {"created", p.created_s}});
  root["users"] = std::move(users);
  root["keys"] = std::move(keys);
  root["roles"] = std::move(roles);
  root["policies"] = std::move(policies);
  if (meta_.put_setting(std::string(kSetting), json::serialize(root)) != storage::Status::Ok)
    return error(500, "InternalError", "The identity change could not be stored.");
  std::lock_guard lock(snapshot_mu_);
  state_ = std::move(next);
  return {};
}

std::vector<PolicyPtr> Registry::resolve(const State& s, const std::vector<std::string>& names) const {
  std::vector<PolicyPtr> out;
  for (const auto& n : names)
    if (auto it = s.policies.find(n); it != s.policies.end()) out.push_back(it->second.parsed);
  return out;
}

std::optional<auth::KeyRecord> Registry::find_key(std::string_view id, std::optional<std::string_view> token) const {
  if (id == root_key_id_) return auth::KeyRecord{root_secret_, account_id_, std::nullopt, 0};
  if (id.starts_with("STS.")) {
    // Without its token a temporary id is unknown (spec (e)); with a forged or foreign token the
    // verifier reports InvalidSecurityToken because the record's token differs from the one sent.
    if (!token || token->empty()) return std::nullopt;
    auto claims = parse_sts_token(*token, sts_mac_key_);
    auth::KeyRecord rec{sts_secret(id, sts_secret_key_), "", std::string("\x01invalid"), 0};
    if (!claims || claims->access_key_id != id) return rec;
    if (!snapshot()->roles.contains(claims->role)) return std::nullopt;  // role deleted: sessions end
    rec.principal = claims->role + ":" + claims->session;
    rec.security_token = std::string(*token);
    rec.token_expires_s = claims->expires_s;
    return rec;
  }
  auto s = snapshot();
  auto it = s->keys.find(std::string(id));
  if (it == s->keys.end() || !it->second.active) return std::nullopt;
  auto secret = box_.open(it->second.sealed_secret);
  if (!secret) return std::nullopt;
  return auth::KeyRecord{*secret, it->second.user, std::nullopt, 0};
}

bool Registry::key_inactive(std::string_view id) const {
  auto s = snapshot();
  auto it = s->keys.find(std::string(id));
  return it != s->keys.end() && !it->second.active;
}

std::optional<Caller> Registry::caller(std::string_view id, std::optional<std::string_view> token) const {
  Caller c;
  if (id == root_key_id_) {
    c.kind = iam::CallerKind::Root;
    c.uid = account_id_;
    c.arn = "acs:ram::" + account_id_ + ":root";
    return c;
  }
  auto s = snapshot();
  if (id.starts_with("STS.")) {
    if (!token) return std::nullopt;
    auto claims = parse_sts_token(*token, sts_mac_key_);
    if (!claims) return std::nullopt;
    auto role = s->roles.find(claims->role);
    if (role == s->roles.end()) return std::nullopt;
    c.kind = iam::CallerKind::RoleSession;
    c.uid = role->second.id + ":" + claims->session;
    c.name = role->second.name;
    c.session = claims->session;
    c.arn = "acs:ram::" + account_id_ + ":assumed-role/" + role->second.name + "/" + claims->session;
    c.policies = resolve(*s, role->second.policies);
    if (!claims->policy.empty()) {
      auto p = iam::parse_policy(claims->policy, iam::PolicyKind::Identity);
      if (!p) return std::nullopt;
      c.session_policy = *p;
    }
    return c;
  }
  auto key = s->keys.find(std::string(id));
  if (key == s->keys.end()) return std::nullopt;
  auto user = s->users.find(key->second.user);
  if (user == s->users.end()) return std::nullopt;
  c.kind = iam::CallerKind::User;
  c.uid = user->second.id;
  c.name = user->second.name;
  c.arn = "acs:ram::" + account_id_ + ":user/" + user->second.name;
  c.policies = resolve(*s, user->second.policies);
  return c;
}

RamResult<User> Registry::create_user(const std::string& name, const std::string& display_name,
                                      const std::string& comments) {
  if (!valid_name(name, 1, 64, "._@-")) return invalid("UserName", "The parameter UserName is invalid.");
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (next->users.contains(name)) return already_exists("User", name);
  User u{random_digits(16), name, display_name.empty() ? name : display_name, comments, now_s(), {}};
  next->users[name] = u;
  if (auto r = commit(std::move(next)); !r) return r.error();
  return u;
}

RamResult<User> Registry::get_user(const std::string& name) const {
  auto s = snapshot();
  auto it = s->users.find(name);
  if (it == s->users.end()) return not_exist("User", name);
  return it->second;
}

std::vector<User> Registry::list_users() const {
  std::vector<User> out;
  for (const auto& [_, u] : snapshot()->users) out.push_back(u);
  return out;
}

RamResult<void> Registry::delete_user(const std::string& name) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  auto it = next->users.find(name);
  if (it == next->users.end()) return not_exist("User", name);
  for (const auto& [_, k] : next->keys)
    if (k.user == name)
      return error(409, "DeleteConflict.User.AccessKey", "The user still has access keys: " + name);
  if (!it->second.policies.empty())
    return error(409, "DeleteConflict.User.Policy", "The user still has policies attached: " + name);
  next->users.erase(it);
  return commit(std::move(next));
}

RamResult<std::pair<AccessKey, std::string>> Registry::create_access_key(const std::string& user) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (!next->users.contains(user)) return not_exist("User", user);
  std::size_t count = std::count_if(next->keys.begin(), next->keys.end(), [&](const auto& kv) { return kv.second.user == user; });
  if (count >= 2) return error(409, "LimitExceeded.User.AccessKey", "A user can have at most 2 access keys.");
  std::string secret = random_alnum(30);
  AccessKey k{"LTAI" + random_alnum(20), user, box_.seal(secret), true, now_s()};
  next->keys[k.id] = k;
  if (auto r = commit(std::move(next)); !r) return r.error();
  return std::pair{k, secret};
}

RamResult<std::vector<AccessKey>> Registry::list_access_keys(const std::string& user) const {
  auto s = snapshot();
  if (!s->users.contains(user)) return not_exist("User", user);
  std::vector<AccessKey> out;
  for (const auto& [_, k] : s->keys)
    if (k.user == user) out.push_back(k);
  return out;
}

RamResult<void> Registry::set_access_key_active(const std::string& user, const std::string& id, bool active) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (!next->users.contains(user)) return not_exist("User", user);
  auto it = next->keys.find(id);
  if (it == next->keys.end() || it->second.user != user) return not_exist("AccessKey", id);
  it->second.active = active;
  return commit(std::move(next));
}

RamResult<void> Registry::delete_access_key(const std::string& user, const std::string& id) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (!next->users.contains(user)) return not_exist("User", user);
  auto it = next->keys.find(id);
  if (it == next->keys.end() || it->second.user != user) return not_exist("AccessKey", id);
  next->keys.erase(it);
  return commit(std::move(next));
}

RamResult<ManagedPolicy> Registry::create_policy(const std::string& name, const std::string& document,
                                                 const std::string& description) {
  if (!valid_name(name, 1, 128, "-")) return invalid("PolicyName", "The parameter PolicyName is invalid.");
  auto parsed = iam::parse_policy(document, iam::PolicyKind::Identity);
  if (!parsed) return error(400, "MalformedPolicyDocument", parsed.error().message);
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (next->policies.contains(name)) return already_exists("Policy", name);
  ManagedPolicy p{name, description, document, now_s(), *parsed};
  next->policies[name] = p;
  if (auto r = commit(std::move(next)); !r) return r.error();
  return p;
}

RamResult<ManagedPolicy> Registry::get_policy(const std::string& name) const {
  auto s = snapshot();
  auto it = s->policies.find(name);
  if (it == s->policies.end()) return not_exist("Policy", name);
  return it->second;
}

std::vector<ManagedPolicy> Registry::list_policies() const {
  std::vector<ManagedPolicy> out;
  for (const auto& [_, p] : snapshot()->policies) out.push_back(p);
  return out;
}

RamResult<void> Registry::delete_policy(const std::string& name) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (!next->policies.contains(name)) return not_exist("Policy", name);
  for (const auto& [_, u] : next->users)
    if (std::ranges::count(u.policies, name))
      return error(409, "DeleteConflict.Policy.User", "The policy is still attached to user " + u.name);
  for (const auto& [_, r] : next->roles)
    if (std::ranges::count(r.policies, name))
      return error(409, "DeleteConflict.Policy.Role", "The policy is still attached to role " + r.name);
  next->policies.erase(name);
  return commit(std::move(next));
}

namespace {
template <class State>
std::vector<std::string>* attached_list(State& s, TargetKind kind, const std::string& target) {
  if (kind == TargetKind::User) {
    auto it = s.users.find(target);
    return it == s.users.end() ? nullptr : &it->second.policies;
  }
  auto it = s.roles.find(target);
  return it == s.roles.end() ? nullptr : &it->second.policies;
}
std::string_view kind_name(TargetKind k) { return k == TargetKind::User ? "User" : "Role"; }
}  // namespace

RamResult<void> Registry::attach_policy(const std::string& policy, TargetKind kind, const std::string& target) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (!next->policies.contains(policy)) return not_exist("Policy", policy);
  auto* list = attached_list(*next, kind, target);
  if (!list) return not_exist(kind_name(kind), target);
  if (std::ranges::count(*list, policy))
    return already_exists(std::string("Policy.Attachment"), policy + " on " + target);
  list->push_back(policy);
  return commit(std::move(next));
}

RamResult<void> Registry::detach_policy(const std::string& policy, TargetKind kind, const std::string& target) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  auto* list = attached_list(*next, kind, target);
  if (!list) return not_exist(kind_name(kind), target);
  if (!std::ranges::count(*list, policy)) return not_exist("Policy.Attachment", policy + " on " + target);
  erase_name(*list, policy);
  return commit(std::move(next));
}

RamResult<std::vector<ManagedPolicy>> Registry::policies_for(TargetKind kind, const std::string& target) const {
  auto s = std::make_shared<State>(*snapshot());
  auto* list = attached_list(*s, kind, target);
  if (!list) return not_exist(kind_name(kind), target);
  std::vector<ManagedPolicy> out;
  for (const auto& n : *list)
    if (auto it = s->policies.find(n); it != s->policies.end()) out.push_back(it->second);
  return out;
}

namespace {

std::optional<RamError> check_role_fields(const std::string* trust_policy, const int64_t* max_session_s) {
  if (max_session_s && (*max_session_s < 3600 || *max_session_s > kMaxSessionS))
    return invalid("MaxSessionDuration", "MaxSessionDuration must be between 3600 and 43200 seconds.");
  if (trust_policy) {
    if (auto trust = iam::parse_trust_policy(*trust_policy); !trust)
      return error(400, "MalformedPolicyDocument", "AssumeRolePolicyDocument: " + trust.error());
  }
  return std::nullopt;
}

}  // namespace

RamResult<Role> Registry::create_role(const std::string& name, const std::string& trust_policy,
                                      const std::string& description, int64_t max_session_s) {
  if (!valid_name(name, 1, 64, ".-")) return invalid("RoleName", "The parameter RoleName is invalid.");
  if (max_session_s == 0) max_session_s = 3600;
  if (auto e = check_role_fields(&trust_policy, &max_session_s)) return *e;
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  if (next->roles.contains(name)) return already_exists("Role", name);
  Role r{random_digits(19), name, description, trust_policy, max_session_s, now_s(), {}};
  next->roles[name] = r;
  if (auto res = commit(std::move(next)); !res) return res.error();
  return r;
}

RamResult<Role> Registry::get_role(const std::string& name) const {
  auto s = snapshot();
  auto it = s->roles.find(name);
  if (it == s->roles.end()) return not_exist("Role", name);
  return it->second;
}

std::vector<Role> Registry::list_roles() const {
  std::vector<Role> out;
  for (const auto& [_, r] : snapshot()->roles) out.push_back(r);
  return out;
}

RamResult<Role> Registry::update_role(const std::string& name, const std::optional<std::string>& trust_policy,
                                      const std::optional<std::string>& description,
                                      std::optional<int64_t> max_session_s) {
  if (auto e = check_role_fields(trust_policy ? &*trust_policy : nullptr, max_session_s ? &*max_session_s : nullptr))
    return *e;
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  auto it = next->roles.find(name);
  if (it == next->roles.end()) return not_exist("Role", name);
  Role& r = it->second;
  if (trust_policy) r.trust_policy = *trust_policy;
  if (description) r.description = *description;
  if (max_session_s) r.max_session_s = *max_session_s;
  Role updated = r;
  if (auto res = commit(std::move(next)); !res) return res.error();
  return updated;
}

RamResult<void> Registry::delete_role(const std::string& name) {
  std::lock_guard lock(write_mu_);
  auto next = std::make_shared<State>(*snapshot());
  auto it = next->roles.find(name);
  if (it == next->roles.end()) return not_exist("Role", name);
  if (!it->second.policies.empty())
    return error(409, "DeleteConflict.Role.Policy", "The role still has policies attached: " + name);
  next->roles.erase(it);
  return commit(std::move(next));
}

std::string Registry::role_arn(const std::string& role_name) const {
  return "acs:ram::" + account_id_ + ":role/" + to_lower(role_name);
}

RamResult<TemporaryCredentials> Registry::assume_role(const Caller& caller, const std::string& arn,
                                                      const std::string& session,
                                                      int64_t duration_s, const std::string& session_policy,
                                                      int64_t now) {
  // acs:ram::<account>:role/<name>; role names compare case-insensitively in ARNs (RAM lowercases them).
  std::string prefix = "acs:ram::" + account_id_ + ":role/";
  if (!arn.starts_with(prefix)) return error(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
  std::string wanted = to_lower(arn.substr(prefix.size()));
  auto s = snapshot();
  const Role* role = nullptr;
  for (const auto& [name, r] : s->roles)
    if (to_lower(name) == wanted) role = &r;
  if (!role) return error(404, "EntityNotExist.Role", "The role not exists: " + arn);
  if (caller.kind == iam::CallerKind::Root)
    return error(403, "NoPermission", "Roles may not be assumed by root accounts.");
  auto trust = iam::parse_trust_policy(role->trust_policy);
  if (!trust || !iam::trusts(*trust, account_id_, caller.arn))
    return error(403, "NoPermission",
                 "You are not authorized to do this action. The role's trust policy (AssumeRolePolicyDocument) "
                 "does not name " + caller.arn + ".");
  if (!valid_name(session, 2, 64, "._@-"))
    return error(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
  if (duration_s < kMinSessionS || duration_s > role->max_session_s)
    return error(400, "InvalidParameter.DurationSeconds",
                 "The Min/Max value of DurationSeconds is 15min/" + std::to_string(role->max_session_s / 60) + "min.");
  if (!session_policy.empty()) {
    auto p = iam::parse_policy(session_policy, iam::PolicyKind::Identity);
    if (!p) return error(400, "InvalidParameter.PolicyGrammar", p.error().message);
  }
  StsClaims claims{"STS." + random_alnum(24), role->name, session, session_policy, now, now + duration_s};
  TemporaryCredentials t;
  t.access_key_id = claims.access_key_id;
  t.access_key_secret = sts_secret(claims.access_key_id, sts_secret_key_);
  t.security_token = mint_sts_token(claims, sts_mac_key_);
  t.expires_s = claims.expires_s;
  t.assumed_role_id = role->id + ":" + session;
  t.arn = "acs:ram::" + account_id_ + ":role/" + to_lower(role->name) + "/" + session;
  return t;
}

}  // namespace ossd::identity
