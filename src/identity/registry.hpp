// The identities of one ossd account, RAM-style: the root account, users with access keys,
// custom policies attached to users and roles, and roles that STS AssumeRole hands out as
// temporary credentials (sts_token.hpp).
//
// State: one JSON document in the metadata store's settings ("iam"), written whole on every
// change (admin changes are rare and small) and read into an immutable in-memory snapshot that
// every request reads without touching the database. Secrets are sealed with the master key
// (secret_box.hpp), never stored or logged in clear. Thread-safe: readers share the current
// snapshot; writers are serialised and publish a new snapshot after the durable write.
// Single-writer assumption: only this process changes the document (embedded mode).
#pragma once

#include "auth/verifier.hpp"
#include "iam/decide.hpp"
#include "identity/secret_box.hpp"
#include "storage/meta_store.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ossd::identity {

using PolicyPtr = std::shared_ptr<const iam::Policy>;

struct User {
  std::string id;  // 16 digits, the Principal of bucket policies
  std::string name, display_name, comments;
  int64_t created_s = 0;
  std::vector<std::string> policies;  // attached custom policy names
};

struct AccessKey {
  std::string id;
  std::string user;  // user name
  std::string sealed_secret;
  bool active = true;
  int64_t created_s = 0;
};

struct Role {
  std::string id;  // 19 digits
  std::string name, description, trust_policy;
  int64_t max_session_s = 3600;
  int64_t created_s = 0;
  std::vector<std::string> policies;
};

struct ManagedPolicy {
  std::string name, description, document;
  int64_t created_s = 0;
  PolicyPtr parsed;
};

// Who a verified request comes from, with everything authorization needs.
struct Caller {
  iam::CallerKind kind = iam::CallerKind::Anonymous;
  std::string uid;      // account id (root), user id, or "<role id>:<session>"
  std::string name;     // user or role name
  std::string session;  // STS RoleSessionName
  std::string arn;
  std::vector<PolicyPtr> policies;  // of the user, or of the session's role
  PolicyPtr session_policy;         // STS inline policy
};

// An error of the RAM/STS API: HTTP status, Alibaba Cloud code and message.
struct RamError {
  int status = 400;
  std::string code, message;
};
template <class T>
using RamResult = boost::system::result<T, RamError>;

enum class TargetKind { User, Role };

struct TemporaryCredentials {
  std::string access_key_id, access_key_secret, security_token;
  int64_t expires_s = 0;
  std::string assumed_role_id, arn;
};

class Registry {
 public:
  // Loads the document from `meta`. Throws std::runtime_error when it is unreadable.
  Registry(storage::MetaStore& meta, SecretBox box, std::string account_id, std::string root_key_id,
           std::string root_secret);

  const std::string& account_id() const { return account_id_; }

  // auth::KeyLookup: root, active user keys, and STS ids resolved from their token.
  std::optional<auth::KeyRecord> find_key(std::string_view access_key_id,
                                          std::optional<std::string_view> security_token) const;
  // A user key that exists but was disabled (UpdateAccessKey Status=Inactive): find_key treats it
  // as unknown, as OSS does; the RAM/STS API names it InvalidAccessKeyId.Inactive.
  bool key_inactive(std::string_view access_key_id) const;
  // The caller behind a verified key (nullopt when the key vanished meanwhile).
  std::optional<Caller> caller(std::string_view access_key_id, std::optional<std::string_view> security_token) const;

  RamResult<User> create_user(const std::string& name, const std::string& display_name, const std::string& comments);
  RamResult<User> get_user(const std::string& name) const;
  std::vector<User> list_users() const;
  RamResult<void> delete_user(const std::string& name);

  // The secret is returned once, in clear, and stored sealed.
  RamResult<std::pair<AccessKey, std::string>> create_access_key(const std::string& user);
  RamResult<std::vector<AccessKey>> list_access_keys(const std::string& user) const;
  RamResult<void> set_access_key_active(const std::string& user, const std::string& id, bool active);
  RamResult<void> delete_access_key(const std::string& user, const std::string& id);

  RamResult<ManagedPolicy> create_policy(const std::string& name, const std::string& document,
                                         const std::string& description);
  RamResult<ManagedPolicy> get_policy(const std::string& name) const;
  std::vector<ManagedPolicy> list_policies() const;
  RamResult<void> delete_policy(const std::string& name);
  RamResult<void> attach_policy(const std::string& policy, TargetKind kind, const std::string& target);
  RamResult<void> detach_policy(const std::string& policy, TargetKind kind, const std::string& target);
  RamResult<std::vector<ManagedPolicy>> policies_for(TargetKind kind, const std::string& target) const;

  RamResult<Role> create_role(const std::string& name, const std::string& trust_policy,
                              const std::string& description, int64_t max_session_s);
  RamResult<Role> get_role(const std::string& name) const;
  // UpdateRole: each optional replaces that field (the trust policy is validated like CreateRole's).
  RamResult<Role> update_role(const std::string& name, const std::optional<std::string>& trust_policy,
                              const std::optional<std::string>& description, std::optional<int64_t> max_session_s);
  std::vector<Role> list_roles() const;
  RamResult<void> delete_role(const std::string& name);
  std::string role_arn(const std::string& role_name) const;

  // Issues temporary credentials for the role named by `role_arn` to `caller`, whose own
  // permission (sts:AssumeRole in its policies) is checked by the caller of this function; here
  // the role's trust policy must name the caller, and the root account is refused as on Alibaba
  // Cloud. duration_s in 900..role maximum.
  RamResult<TemporaryCredentials> assume_role(const Caller& caller, const std::string& role_arn,
                                              const std::string& session,
                                              int64_t duration_s, const std::string& session_policy,
                                              int64_t now_s);

 private:
  struct State {
    std::map<std::string, User> users;  // by name
    std::map<std::string, AccessKey> keys;  // by id
    std::map<std::string, Role> roles;  // by name
    std::map<std::string, ManagedPolicy> policies;  // by name
  };
  std::shared_ptr<const State> snapshot() const;
  // Persists `next` durably, then makes it the current state.
  RamResult<void> commit(std::shared_ptr<State> next);
  std::vector<PolicyPtr> resolve(const State& s, const std::vector<std::string>& names) const;

  storage::MetaStore& meta_;
  SecretBox box_;
  std::string account_id_, root_key_id_, root_secret_;
  std::string sts_mac_key_, sts_secret_key_;
  std::mutex write_mu_;
  mutable std::mutex snapshot_mu_;
  std::shared_ptr<const State> state_;
};

}  // namespace ossd::identity
