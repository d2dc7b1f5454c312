// ossd::sdk::AdminClient: the identity administration API of ossd (docs/admin-api.md), which is
// Alibaba Cloud's RPC API shape: RAM (users, access keys, policies, roles; Version 2015-05-01)
// and STS (AssumeRole, GetCallerIdentity; Version 2015-04-01). Every call is a form-encoded
// `POST /` to the endpoint, signed with RPC signature 1.0 (src/auth/rpc_signature.hpp), and
// answered with JSON that is parsed here into the plain structs below. Errors are the SDK's
// Error with the JSON's Code, Message, RequestId and HostId.
// Thread-safety: like Client, an AdminClient is for one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ossd/credentials.hpp"
#include "ossd/error.hpp"
#include "ossd/transport.hpp"

namespace ossd::sdk {

using RpcParams = std::vector<std::pair<std::string, std::string>>;

// What every answer has: its RequestId and the JSON body as received (ossctl --json prints it).
struct AdminReply {
  std::string request_id;
  std::string raw_json;
};

struct RamUser {
  std::string user_id;
  std::string user_name;
  std::string display_name;
  std::string comments;
  std::string create_date;  // ISO 8601 as sent
  std::string update_date;
};

struct AccessKey {
  std::string access_key_id;
  std::string access_key_secret;  // CreateAccessKey only: the one time it is shown
  std::string status;             // "Active" or "Inactive"
  std::string create_date;
};

struct RamPolicy {
  std::string policy_name;
  std::string policy_type;  // "Custom" (or "System" on Alibaba Cloud)
  std::string description;
  std::string default_version;
  std::string create_date;
  std::string attach_date;  // ListPoliciesFor{User,Role} only
};

struct RamRole {
  std::string role_id;
  std::string role_name;
  std::string arn;  // acs:ram::<account>:role/<name>
  std::string description;
  std::string assume_role_policy_document;  // the trust policy JSON
  std::string create_date;
  int64_t max_session_duration = 0;  // seconds
};

struct UserReply : AdminReply {
  RamUser user;
};
struct UserList : AdminReply {
  std::vector<RamUser> users;
  bool is_truncated = false;
  std::string marker;  // pass back to list_users while is_truncated
};
struct AccessKeyReply : AdminReply {
  AccessKey access_key;
};
struct AccessKeyList : AdminReply {
  std::vector<AccessKey> access_keys;
};
struct PolicyReply : AdminReply {
  RamPolicy policy;
  std::string policy_document;  // GetPolicy: DefaultPolicyVersion.PolicyDocument
  std::string version_id;       // GetPolicy: DefaultPolicyVersion.VersionId
};
struct PolicyList : AdminReply {
  std::vector<RamPolicy> policies;
  bool is_truncated = false;
  std::string marker;
};
struct RoleReply : AdminReply {
  RamRole role;
};
struct RoleList : AdminReply {
  std::vector<RamRole> roles;
  bool is_truncated = false;
  std::string marker;
};

struct CreateRoleRequest {
  std::string role_name;
  std::string assume_role_policy_document;  // JSON trust policy (required)
  std::string description;
  std::optional<int64_t> max_session_duration;  // seconds; server default when absent
};

// UpdateRole: only the fields set are changed.
struct UpdateRoleRequest {
  std::string role_name;
  std::optional<std::string> new_assume_role_policy_document;  // JSON trust policy
  std::optional<std::string> new_description;
  std::optional<int64_t> new_max_session_duration;  // seconds, 3600..43200
};

struct AssumeRoleRequest {
  std::string role_arn;  // acs:ram::<account>:role/<name>
  std::string role_session_name = "ossd-sdk";
  std::optional<int64_t> duration_seconds;  // 900..role maximum; server default (3600) if absent
  std::string policy;                        // optional JSON narrowing the role's permissions
};

struct AssumeRoleReply : AdminReply {
  Credentials credentials;  // AccessKeyId "STS.…", AccessKeySecret, SecurityToken
  std::string expiration;   // "YYYY-MM-DDTHH:MM:SSZ"
  std::string assumed_role_id;
  std::string assumed_role_arn;
};

struct CallerIdentity : AdminReply {
  std::string account_id;
  std::string user_id;
  std::string arn;
  std::string identity_type;  // "Account", "RAMUser" or "AssumedRoleUser"
  std::string principal_id;
};

class AdminClient {
 public:
  static constexpr const char* kRamVersion = "2015-05-01";
  static constexpr const char* kStsVersion = "2015-04-01";

  explicit AdminClient(ClientOptions options);  // libcurl transport
  AdminClient(ClientOptions options, std::shared_ptr<Transport> transport);

  const ClientOptions& options() const { return options_; }

  // RAM users.
  Result<UserReply> create_user(const std::string& user_name, const std::string& display_name = {},
                                const std::string& comments = {});
  Result<UserReply> get_user(const std::string& user_name);
  Result<UserList> list_users(const std::string& marker = {});
  Result<AdminReply> delete_user(const std::string& user_name);

  // Access keys of a RAM user.
  Result<AccessKeyReply> create_access_key(const std::string& user_name);
  Result<AccessKeyList> list_access_keys(const std::string& user_name);
  Result<AdminReply> update_access_key(const std::string& user_name,
                                       const std::string& access_key_id,
                                       const std::string& status);  // "Active" | "Inactive"
  Result<AdminReply> delete_access_key(const std::string& user_name,
                                       const std::string& access_key_id);

  // Custom policies and their attachments (policy_type "Custom" unless told otherwise).
  Result<PolicyReply> create_policy(const std::string& policy_name,
                                    const std::string& policy_document,
                                    const std::string& description = {});
  Result<PolicyReply> get_policy(const std::string& policy_name,
                                 const std::string& policy_type = "Custom");
  Result<PolicyList> list_policies(const std::string& marker = {});
  Result<AdminReply> delete_policy(const std::string& policy_name);
  Result<AdminReply> attach_policy_to_user(const std::string& policy_name,
                                           const std::string& user_name,
                                           const std::string& policy_type = "Custom");
  Result<AdminReply> detach_policy_from_user(const std::string& policy_name,
                                             const std::string& user_name,
                                             const std::string& policy_type = "Custom");
  Result<AdminReply> attach_policy_to_role(const std::string& policy_name,
                                           const std::string& role_name,
                                           const std::string& policy_type = "Custom");
  Result<AdminReply> detach_policy_from_role(const std::string& policy_name,
                                             const std::string& role_name,
                                             const std::string& policy_type = "Custom");
  Result<PolicyList> list_policies_for_user(const std::string& user_name);
  Result<PolicyList> list_policies_for_role(const std::string& role_name);

  // Roles.
  Result<RoleReply> create_role(const CreateRoleRequest& request);
  Result<RoleReply> get_role(const std::string& role_name);
  Result<RoleReply> update_role(const UpdateRoleRequest& request);
  Result<RoleList> list_roles(const std::string& marker = {});
  Result<AdminReply> delete_role(const std::string& role_name);

  // STS.
  Result<AssumeRoleReply> assume_role(const AssumeRoleRequest& request);
  Result<CallerIdentity> get_caller_identity();

  // Any action: adds the common parameters, signs, sends, and checks the answer is JSON with a
  // RequestId. For actions the typed methods above do not cover.
  Result<AdminReply> call(std::string_view version, std::string_view action, RpcParams params);

 private:
  ClientOptions options_;
  std::shared_ptr<Transport> transport_;
};

}  // namespace ossd::sdk
