// RAM actions (Version 2015-05-01): users, access keys, custom policies and their
// attachments, roles — parameter and member names as in Alibaba Cloud's RAM API reference.
#include "api/rpc.hpp"

#include <charconv>

namespace ossd::api {
namespace json = boost::json;
using identity::RamError;
using identity::TargetKind;

namespace {

json::object user_json(const identity::User& u) {
  return {{"UserId", u.id}, {"UserName", u.name}, {"DisplayName", u.display_name},
          {"Comments", u.comments}, {"CreateDate", rpc_time(u.created_s)}};
}
json::object key_json(const identity::AccessKey& k) {
  return {{"AccessKeyId", k.id}, {"Status", k.active ? "Active" : "Inactive"}, {"CreateDate", rpc_time(k.created_s)}};
}
json::object policy_json(const identity::ManagedPolicy& p) {
  return {{"PolicyName", p.name}, {"PolicyType", "Custom"}, {"Description", p.description},
          {"DefaultVersion", "v1"}, {"CreateDate", rpc_time(p.created_s)}, {"AttachmentCount", 0}};
}
json::object role_json(const identity::Role& r, const identity::Registry& reg) {
  return {{"RoleId", r.id}, {"RoleName", r.name}, {"Arn", reg.role_arn(r.name)}, {"Description", r.description},
          {"MaxSessionDuration", r.max_session_s}, {"AssumeRolePolicyDocument", r.trust_policy},
          {"CreateDate", rpc_time(r.created_s)}};
}

template <class T, class F>
json::object list_of(const char* outer, const char* inner, const std::vector<T>& items, F to_json) {
  json::array a;
  for (const auto& i : items) a.push_back(to_json(i));
  return {{outer, json::object{{inner, std::move(a)}}}, {"IsTruncated", false}};
}

RpcResult ok() { return json::object{}; }

template <class T>
RpcResult wrap(const identity::RamResult<T>& r, const char* member, json::object v) {
  if (!r) return r.error();
  return json::object{{member, std::move(v)}};
}

// The PolicyType parameter: only custom policies exist in ossd.
std::optional<RamError> check_policy_type(const RpcRequest& r) {
  auto t = r.param("PolicyType");
  if (t && *t != "Custom")
    return RamError{404, "EntityNotExist.Policy", "ossd has only Custom policies; PolicyType " + std::string(*t) + " is unknown."};
  return std::nullopt;
}

#define REQUIRE(var, name)          \
  auto var = required(r, name);     \
  if (!var) return var.error();

RpcResult attach(const RpcRequest& r, bool attach, TargetKind kind) {
  if (auto e = check_policy_type(r)) return *e;
  REQUIRE(policy, "PolicyName");
  REQUIRE(target, kind == TargetKind::User ? "UserName" : "RoleName");
  auto res = attach ? r.registry.attach_policy(*policy, kind, *target) : r.registry.detach_policy(*policy, kind, *target);
  if (!res) return res.error();
  return ok();
}

RpcResult policies_for(const RpcRequest& r, TargetKind kind) {
  REQUIRE(target, kind == TargetKind::User ? "UserName" : "RoleName");
  auto list = r.registry.policies_for(kind, *target);
  if (!list) return list.error();
  return list_of("Policies", "Policy", *list, policy_json);
}

RpcResult user_action(const RpcRequest& r, std::string_view action) {
  auto& reg = r.registry;
  if (action == "ListUsers") return list_of("Users", "User", reg.list_users(), user_json);
  REQUIRE(name, "UserName");
  if (action == "CreateUser") {
    auto u = reg.create_user(*name, std::string(r.param("DisplayName").value_or("")),
                             std::string(r.param("Comments").value_or("")));
    return wrap(u, "User", u ? user_json(*u) : json::object{});
  }
  if (action == "GetUser") {
    auto u = reg.get_user(*name);
    return wrap(u, "User", u ? user_json(*u) : json::object{});
  }
  if (action == "DeleteUser") {
    auto res = reg.delete_user(*name);
    if (!res) return res.error();
    return ok();
  }
  if (action == "CreateAccessKey") {
    auto k = reg.create_access_key(*name);
    if (!k) return k.error();
    json::object o = key_json(k->first);
    o["AccessKeySecret"] = k->second;
    return json::object{{"AccessKey", std::move(o)}};
  }
  if (action == "ListAccessKeys") {
    auto keys = reg.list_access_keys(*name);
    if (!keys) return keys.error();
    return list_of("AccessKeys", "AccessKey", *keys, key_json);
  }
  REQUIRE(key_id, "UserAccessKeyId");
  if (action == "UpdateAccessKey") {
    REQUIRE(status, "Status");
    if (*status != "Active" && *status != "Inactive")
      return RamError{400, "InvalidParameter.Status", "The parameter Status must be Active or Inactive."};
    auto res = reg.set_access_key_active(*name, *key_id, *status == "Active");
    if (!res) return res.error();
    return ok();
  }
  auto res = reg.delete_access_key(*name, *key_id);  // DeleteAccessKey
  if (!res) return res.error();
  return ok();
}

RpcResult policy_action(const RpcRequest& r, std::string_view action) {
  auto& reg = r.registry;
  if (action == "ListPolicies") return list_of("Policies", "Policy", reg.list_policies(), policy_json);
  if (auto e = check_policy_type(r)) return *e;
  REQUIRE(name, "PolicyName");
  if (action == "CreatePolicy") {
    REQUIRE(doc, "PolicyDocument");
    auto p = reg.create_policy(*name, *doc, std::string(r.param("Description").value_or("")));
    return wrap(p, "Policy", p ? policy_json(*p) : json::object{});
  }
  if (action == "GetPolicy") {
    auto p = reg.get_policy(*name);
    if (!p) return p.error();
    return json::object{{"Policy", policy_json(*p)},
                        {"DefaultPolicyVersion", json::object{{"VersionId", "v1"},
                                                              {"PolicyDocument", p->document},
                                                              {"IsDefaultVersion", true},
                                                              {"CreateDate", rpc_time(p->created_s)}}}};
  }
  auto res = reg.delete_policy(*name);  // DeletePolicy
  if (!res) return res.error();
  return ok();
}

RpcResult role_action(const RpcRequest& r, std::string_view action) {
  auto& reg = r.registry;
  if (action == "ListRoles") {
    json::array a;
    for (const auto& role : reg.list_roles()) a.push_back(role_json(role, reg));
    return json::object{{"Roles", json::object{{"Role", std::move(a)}}}, {"IsTruncated", false}};
  }
  REQUIRE(name, "RoleName");
  if (action == "CreateRole") {
    REQUIRE(trust, "AssumeRolePolicyDocument");
    int64_t max = 3600;
    if (auto m = r.param("MaxSessionDuration")) {
      auto [end, ec] = std::from_chars(m->data(), m->data() + m->size(), max);
      if (ec != std::errc() || end != m->data() + m->size())
        return RamError{400, "InvalidParameter.MaxSessionDuration", "The parameter MaxSessionDuration is invalid."};
    }
    auto role = reg.create_role(*name, *trust, std::string(r.param("Description").value_or("")), max);
    return wrap(role, "Role", role ? role_json(*role, reg) : json::object{});
  }
  if (action == "UpdateRole") {
    std::optional<std::string> trust, description;
    std::optional<int64_t> max;
    if (auto t = r.param("NewAssumeRolePolicyDocument")) trust = std::string(*t);
    if (auto d = r.param("NewDescription")) description = std::string(*d);
    if (auto m = r.param("NewMaxSessionDuration")) {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(m->data(), m->data() + m->size(), v);
      if (ec != std::errc() || end != m->data() + m->size())
        return RamError{400, "InvalidParameter.MaxSessionDuration", "The parameter NewMaxSessionDuration is invalid."};
      max = v;
    }
    auto role = reg.update_role(*name, trust, description, max);
    return wrap(role, "Role", role ? role_json(*role, reg) : json::object{});
  }
  if (action == "GetRole") {
    auto role = reg.get_role(*name);
    return wrap(role, "Role", role ? role_json(*role, reg) : json::object{});
  }
  auto res = reg.delete_role(*name);  // DeleteRole
  if (!res) return res.error();
  return ok();
}

}  // namespace

std::optional<RpcResult> run_ram_action(const RpcRequest& r, std::string_view a) {
  if (a == "CreateUser" || a == "GetUser" || a == "ListUsers" || a == "DeleteUser" || a == "CreateAccessKey" ||
      a == "ListAccessKeys" || a == "UpdateAccessKey" || a == "DeleteAccessKey")
    return user_action(r, a);
  if (a == "CreatePolicy" || a == "GetPolicy" || a == "ListPolicies" || a == "DeletePolicy") return policy_action(r, a);
  if (a == "CreateRole" || a == "GetRole" || a == "UpdateRole" || a == "ListRoles" || a == "DeleteRole")
    return role_action(r, a);
  if (a == "AttachPolicyToUser") return attach(r, true, TargetKind::User);
  if (a == "DetachPolicyFromUser") return attach(r, false, TargetKind::User);
  if (a == "AttachPolicyToRole") return attach(r, true, TargetKind::Role);
  if (a == "DetachPolicyFromRole") return attach(r, false, TargetKind::Role);
  if (a == "ListPoliciesForUser") return policies_for(r, TargetKind::User);
  if (a == "ListPoliciesForRole") return policies_for(r, TargetKind::Role);
  return std::nullopt;
}

}  // namespace ossd::api
