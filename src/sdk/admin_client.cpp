// AdminClient: RPC-signed form POSTs to the endpoint and the JSON answers of RAM and STS.
#include <boost/json.hpp>

#include <chrono>
#include <ctime>
#include <random>

#include "auth/rpc_signature.hpp"
#include "common/encoding.hpp"
#include "internal.hpp"
#include "ossd/admin.hpp"

namespace ossd::sdk {
namespace json = boost::json;

namespace {

// The RPC Timestamp: UTC to the second, "2026-01-02T03:04:05Z".
std::string rpc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// SignatureNonce must never repeat (the server rejects a reused one as a replay): 128 random
// bits per request.
std::string rpc_nonce() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t hi = rng();
  const uint64_t lo = rng();
  return hex_lower(std::string_view(reinterpret_cast<const char*>(&hi), sizeof hi)) +
         hex_lower(std::string_view(reinterpret_cast<const char*>(&lo), sizeof lo));
}

std::string form_encode(const RpcParams& params) {
  std::string body;
  for (const auto& [k, v] : params) {
    if (!body.empty()) body += '&';
    body += auth::rpc_percent_encode(k) + "=" + auth::rpc_percent_encode(v);
  }
  return body;
}

// A JSON member as text: strings as they are, numbers and booleans printed, else "".
std::string text(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

const json::object& member_object(const json::object& o, std::string_view name) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(name);
  return v != nullptr && v->is_object() ? v->get_object() : kEmpty;
}

// RAM's list shape {"Users": {"User": [ ... ]}}; a single element may also come unwrapped.
std::vector<const json::object*> member_list(const json::object& o, std::string_view outer,
                                             std::string_view inner) {
  std::vector<const json::object*> out;
  const json::value* v = member_object(o, outer).if_contains(inner);
  if (v == nullptr) return out;
  if (v->is_object()) out.push_back(&v->get_object());
  if (v->is_array()) {
    for (const auto& item : v->get_array()) {
      if (item.is_object()) out.push_back(&item.get_object());
    }
  }
  return out;
}

RamUser parse_user(const json::object& o) {
  return {text(o, "UserId"),   text(o, "UserName"),   text(o, "DisplayName"),
          text(o, "Comments"), text(o, "CreateDate"), text(o, "UpdateDate")};
}

AccessKey parse_access_key(const json::object& o) {
  return {text(o, "AccessKeyId"), text(o, "AccessKeySecret"), text(o, "Status"),
          text(o, "CreateDate")};
}

RamPolicy parse_policy(const json::object& o) {
  return {text(o, "PolicyName"),     text(o, "PolicyType"), text(o, "Description"),
          text(o, "DefaultVersion"), text(o, "CreateDate"), text(o, "AttachDate")};
}

RamRole parse_role(const json::object& o) {
  RamRole r{text(o, "RoleId"),      text(o, "RoleName"),
            text(o, "Arn"),         text(o, "Description"),
            text(o, "AssumeRolePolicyDocument"), text(o, "CreateDate")};
  if (const json::value* v = o.if_contains("MaxSessionDuration")) {
    if (v->is_int64()) r.max_session_duration = v->get_int64();
    if (v->is_uint64()) r.max_session_duration = static_cast<int64_t>(v->get_uint64());
    if (v->is_string()) r.max_session_duration = std::atoll(v->get_string().c_str());
  }
  return r;
}

// The Error of a non-2xx answer: the RPC JSON error body, else whatever the OSS path makes of it
// (an XML error from something that is not the admin API).
Error error_from_rpc_response(const HttpResponse& response) {
  boost::system::error_code ec;
  const json::value v = json::parse(response.body, ec);
  if (ec || !v.is_object() || !v.get_object().contains("Code")) {
    return detail::error_from_response(response);
  }
  const json::object& o = v.get_object();
  Error e;
  e.status = response.status;
  e.code = text(o, "Code");
  e.message = text(o, "Message");
  e.request_id = text(o, "RequestId");
  e.host_id = text(o, "HostId");
  return e;
}

// A typed result: the reply's common part plus the parsed body to read members from.
struct Parsed {
  AdminReply reply;
  json::object body;
};

template <class T>
T with_reply(const Parsed& p) {
  T out{};
  static_cast<AdminReply&>(out) = p.reply;
  return out;
}

}  // namespace

AdminClient::AdminClient(ClientOptions options)
    : AdminClient(options, std::shared_ptr<Transport>(make_curl_transport(
                               options.connect_timeout_ms, options.verify_tls))) {}

AdminClient::AdminClient(ClientOptions options, std::shared_ptr<Transport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {}

Result<AdminReply> AdminClient::call(std::string_view version, std::string_view action,
                                     RpcParams params) {
  const Credentials& c = options_.credentials;
  params.emplace_back("Action", std::string(action));
  params.emplace_back("Format", "JSON");
  params.emplace_back("Version", std::string(version));
  params.emplace_back("AccessKeyId", c.access_key_id);
  params.emplace_back("SignatureMethod", "HMAC-SHA1");
  params.emplace_back("SignatureVersion", "1.0");
  params.emplace_back("SignatureNonce", rpc_nonce());
  params.emplace_back("Timestamp", rpc_timestamp());
  if (!c.security_token.empty()) params.emplace_back("SecurityToken", c.security_token);
  params.emplace_back("Signature", auth::rpc_signature(c.access_key_secret,
                                                       auth::rpc_string_to_sign("POST", params)));

  const EndpointParts ep = split_endpoint(options_);
  auto body = std::make_shared<std::string>(form_encode(params));
  auto offset = std::make_shared<std::size_t>(0);
  HttpRequest request;
  request.method = "POST";
  request.url = ep.scheme + "://" + ep.host + "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body_size = body->size();
  request.body = [body, offset](char* buf, std::size_t n) -> std::optional<std::size_t> {
    const std::size_t k = std::min(n, body->size() - *offset);
    body->copy(buf, k, *offset);
    *offset += k;
    return k;
  };
  auto response = transport_->send(request, {});
  if (!response) return response.error();
  if (response->status < 200 || response->status >= 300) {
    return error_from_rpc_response(*response);
  }
  boost::system::error_code ec;
  const json::value v = json::parse(response->body, ec);
  if (ec || !v.is_object()) {
    Error e;
    e.status = response->status;
    e.code = "InvalidResponse";
    e.message = "the admin API answered with something that is not a JSON object";
    return e;
  }
  return AdminReply{text(v.get_object(), "RequestId"), std::move(response->body)};
}

namespace {

// call() then parse the body once more into an object (call() keeps the raw text).
Result<Parsed> invoke(AdminClient& client, std::string_view version, std::string_view action,
                      RpcParams params) {
  auto r = client.call(version, action, std::move(params));
  if (!r) return r.error();
  json::object body = json::parse(r->raw_json).as_object();
  return Parsed{std::move(*r), std::move(body)};
}

Result<Parsed> ram(AdminClient& client, std::string_view action, RpcParams params) {
  return invoke(client, AdminClient::kRamVersion, action, std::move(params));
}

Result<AdminReply> ram_plain(AdminClient& client, std::string_view action, RpcParams params) {
  return client.call(AdminClient::kRamVersion, action, std::move(params));
}

Result<UserReply> user_reply(Result<Parsed> p) {
  if (!p) return p.error();
  auto out = with_reply<UserReply>(*p);
  out.user = parse_user(member_object(p->body, "User"));
  return out;
}

Result<PolicyReply> policy_reply(Result<Parsed> p) {
  if (!p) return p.error();
  auto out = with_reply<PolicyReply>(*p);
  out.policy = parse_policy(member_object(p->body, "Policy"));
  const json::object& version = member_object(p->body, "DefaultPolicyVersion");
  out.policy_document = text(version, "PolicyDocument");
  out.version_id = text(version, "VersionId");
  return out;
}

// A RAM list answer {"<Outer>": {"<Inner>": [..]}, "IsTruncated": .., "Marker": ..}.
template <class List, class Item>
Result<List> paged_list(Result<Parsed> p, std::string_view outer, std::string_view inner,
                        std::vector<Item> List::*items, Item (*parse)(const json::object&)) {
  if (!p) return p.error();
  auto out = with_reply<List>(*p);
  for (const auto* o : member_list(p->body, outer, inner)) (out.*items).push_back(parse(*o));
  out.is_truncated = text(p->body, "IsTruncated") == "true";
  out.marker = text(p->body, "Marker");
  return out;
}

Result<PolicyList> policy_list(Result<Parsed> p) {
  return paged_list(std::move(p), "Policies", "Policy", &PolicyList::policies, &parse_policy);
}

Result<RoleReply> role_reply(Result<Parsed> p) {
  if (!p) return p.error();
  auto out = with_reply<RoleReply>(*p);
  out.role = parse_role(member_object(p->body, "Role"));
  return out;
}

// The parameters of Attach/DetachPolicyTo/From{User,Role}.
RpcParams attachment(const std::string& policy_type, const std::string& policy_name,
                     const char* target_param, const std::string& target) {
  return {{"PolicyType", policy_type}, {"PolicyName", policy_name}, {target_param, target}};
}

RpcParams marker_params(const std::string& marker) {
  if (marker.empty()) return {};
  return {{"Marker", marker}};
}

}  // namespace

Result<UserReply> AdminClient::create_user(const std::string& user_name,
                                           const std::string& display_name,
                                           const std::string& comments) {
  RpcParams params{{"UserName", user_name}};
  if (!display_name.empty()) params.emplace_back("DisplayName", display_name);
  if (!comments.empty()) params.emplace_back("Comments", comments);
  return user_reply(ram(*this, "CreateUser", std::move(params)));
}

Result<UserReply> AdminClient::get_user(const std::string& user_name) {
  return user_reply(ram(*this, "GetUser", {{"UserName", user_name}}));
}

Result<UserList> AdminClient::list_users(const std::string& marker) {
  return paged_list(ram(*this, "ListUsers", marker_params(marker)), "Users", "User",
                    &UserList::users, &parse_user);
}

Result<AdminReply> AdminClient::delete_user(const std::string& user_name) {
  return ram_plain(*this, "DeleteUser", {{"UserName", user_name}});
}

Result<AccessKeyReply> AdminClient::create_access_key(const std::string& user_name) {
  auto p = ram(*this, "CreateAccessKey", {{"UserName", user_name}});
  if (!p) return p.error();
  auto out = with_reply<AccessKeyReply>(*p);
  out.access_key = parse_access_key(member_object(p->body, "AccessKey"));
  return out;
}

Result<AccessKeyList> AdminClient::list_access_keys(const std::string& user_name) {
  auto p = ram(*this, "ListAccessKeys", {{"UserName", user_name}});
  if (!p) return p.error();
  auto out = with_reply<AccessKeyList>(*p);
  for (const auto* o : member_list(p->body, "AccessKeys", "AccessKey")) {
    out.access_keys.push_back(parse_access_key(*o));
  }
  return out;
}

Result<AdminReply> AdminClient::update_access_key(const std::string& user_name,
                                                  const std::string& access_key_id,
                                                  const std::string& status) {
  return ram_plain(*this, "UpdateAccessKey",
                   {{"UserName", user_name}, {"UserAccessKeyId", access_key_id}, {"Status", status}});
}

Result<AdminReply> AdminClient::delete_access_key(const std::string& user_name,
                                                  const std::string& access_key_id) {
  return ram_plain(*this, "DeleteAccessKey",
                   {{"UserName", user_name}, {"UserAccessKeyId", access_key_id}});
}

Result<PolicyReply> AdminClient::create_policy(const std::string& policy_name,
                                               const std::string& policy_document,
                                               const std::string& description) {
  RpcParams params{{"PolicyName", policy_name}, {"PolicyDocument", policy_document}};
  if (!description.empty()) params.emplace_back("Description", description);
  return policy_reply(ram(*this, "CreatePolicy", std::move(params)));
}

Result<PolicyReply> AdminClient::get_policy(const std::string& policy_name,
                                            const std::string& policy_type) {
  return policy_reply(
      ram(*this, "GetPolicy", {{"PolicyType", policy_type}, {"PolicyName", policy_name}}));
}

Result<PolicyList> AdminClient::list_policies(const std::string& marker) {
  return policy_list(ram(*this, "ListPolicies", marker_params(marker)));
}

Result<AdminReply> AdminClient::delete_policy(const std::string& policy_name) {
  return ram_plain(*this, "DeletePolicy", {{"PolicyName", policy_name}});
}

Result<AdminReply> AdminClient::attach_policy_to_user(const std::string& policy_name,
                                                      const std::string& user_name,
                                                      const std::string& policy_type) {
  return ram_plain(*this, "AttachPolicyToUser", attachment(policy_type, policy_name, "UserName", user_name));
}

Result<AdminReply> AdminClient::detach_policy_from_user(const std::string& policy_name,
                                                        const std::string& user_name,
                                                        const std::string& policy_type) {
  return ram_plain(*this, "DetachPolicyFromUser", attachment(policy_type, policy_name, "UserName", user_name));
}

Result<AdminReply> AdminClient::attach_policy_to_role(const std::string& policy_name,
                                                      const std::string& role_name,
                                                      const std::string& policy_type) {
  return ram_plain(*this, "AttachPolicyToRole", attachment(policy_type, policy_name, "RoleName", role_name));
}

Result<AdminReply> AdminClient::detach_policy_from_role(const std::string& policy_name,
                                                        const std::string& role_name,
                                                        const std::string& policy_type) {
  return ram_plain(*this, "DetachPolicyFromRole", attachment(policy_type, policy_name, "RoleName", role_name));
}

Result<PolicyList> AdminClient::list_policies_for_user(const std::string& user_name) {
  return policy_list(ram(*this, "ListPoliciesForUser", {{"UserName", user_name}}));
}

Result<PolicyList> AdminClient::list_policies_for_role(const std::string& role_name) {
  return policy_list(ram(*this, "ListPoliciesForRole", {{"RoleName", role_name}}));
}

Result<RoleReply> AdminClient::create_role(const CreateRoleRequest& request) {
  RpcParams params{{"RoleName", request.role_name},
                   {"AssumeRolePolicyDocument", request.assume_role_policy_document}};
  if (!request.description.empty()) params.emplace_back("Description", request.description);
  if (request.max_session_duration) {
    params.emplace_back("MaxSessionDuration", std::to_string(*request.max_session_duration));
  }
  return role_reply(ram(*this, "CreateRole", std::move(params)));
}

Result<RoleReply> AdminClient::get_role(const std::string& role_name) {
  return role_reply(ram(*this, "GetRole", {{"RoleName", role_name}}));
}

Result<RoleReply> AdminClient::update_role(const UpdateRoleRequest& request) {
  RpcParams params{{"RoleName", request.role_name}};
  if (request.new_assume_role_policy_document) {
    params.emplace_back("NewAssumeRolePolicyDocument", *request.new_assume_role_policy_document);
  }
  if (request.new_description) params.emplace_back("NewDescription", *request.new_description);
  if (request.new_max_session_duration) {
    params.emplace_back("NewMaxSessionDuration", std::to_string(*request.new_max_session_duration));
  }
  return role_reply(ram(*this, "UpdateRole", std::move(params)));
}

Result<RoleList> AdminClient::list_roles(const std::string& marker) {
  return paged_list(ram(*this, "ListRoles", marker_params(marker)), "Roles", "Role",
                    &RoleList::roles, &parse_role);
}

Result<AdminReply> AdminClient::delete_role(const std::string& role_name) {
  return ram_plain(*this, "DeleteRole", {{"RoleName", role_name}});
}

Result<AssumeRoleReply> AdminClient::assume_role(const AssumeRoleRequest& request) {
  RpcParams params{{"RoleArn", request.role_arn}, {"RoleSessionName", request.role_session_name}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  if (!request.policy.empty()) params.emplace_back("Policy", request.policy);
  auto p = invoke(*this, kStsVersion, "AssumeRole", std::move(params));
  if (!p) return p.error();
  auto out = with_reply<AssumeRoleReply>(*p);
  const json::object& c = member_object(p->body, "Credentials");
  out.credentials = {text(c, "AccessKeyId"), text(c, "AccessKeySecret"), text(c, "SecurityToken")};
  out.expiration = text(c, "Expiration");
  const json::object& user = member_object(p->body, "AssumedRoleUser");
  out.assumed_role_id = text(user, "AssumedRoleId");
  out.assumed_role_arn = text(user, "Arn");
  return out;
}

Result<CallerIdentity> AdminClient::get_caller_identity() {
  auto p = invoke(*this, kStsVersion, "GetCallerIdentity", {});
  if (!p) return p.error();
  auto out = with_reply<CallerIdentity>(*p);
  out.account_id = text(p->body, "AccountId");
  out.user_id = text(p->body, "UserId");
  out.arn = text(p->body, "Arn");
  out.identity_type = text(p->body, "IdentityType");
  out.principal_id = text(p->body, "PrincipalId");
  return out;
}

}  // namespace ossd::sdk
