// STS actions (Version 2015-04-01): AssumeRole and GetCallerIdentity, answered like Alibaba
// Cloud STS so ali-oss's OSS.STS and the official STS SDKs work unchanged.
#include "api/rpc.hpp"

#include "common/time.hpp"

#include <charconv>

namespace ossd::api {
namespace json = boost::json;

namespace {

RpcResult assume_role(const RpcRequest& r) {
  auto arn = required(r, "RoleArn");
  if (!arn) return arn.error();
  auto session = required(r, "RoleSessionName");
  if (!session) return session.error();
  int64_t duration = 3600;
  if (auto d = r.param("DurationSeconds")) {
    auto [end, ec] = std::from_chars(d->data(), d->data() + d->size(), duration);
    if (ec != std::errc() || end != d->data() + d->size())
      return identity::RamError{400, "InvalidParameter.DurationSeconds", "The parameter DurationSeconds is invalid."};
  }
  std::string policy(r.param("Policy").value_or(""));
  auto creds = r.registry.assume_role(r.caller, *arn, *session, duration, policy, now_s());
  if (!creds) return creds.error();
  json::object out;
  out["Credentials"] = json::object{{"AccessKeyId", creds->access_key_id},
                                    {"AccessKeySecret", creds->access_key_secret},
                                    {"SecurityToken", creds->security_token},
                                    {"Expiration", rpc_time(creds->expires_s)}};
  out["AssumedRoleUser"] = json::object{{"AssumedRoleId", creds->assumed_role_id}, {"Arn", creds->arn}};
  return out;
}

RpcResult get_caller_identity(const RpcRequest& r) {
  const identity::Caller& c = r.caller;
  std::string type = c.kind == iam::CallerKind::Root ? "Account"
                     : c.kind == iam::CallerKind::User ? "RAMUser"
                                                        : "AssumedRoleUser";
  json::object out;
  out["AccountId"] = r.registry.account_id();
  out["UserId"] = c.uid;
  out["Arn"] = c.arn;
  out["IdentityType"] = type;
  out["PrincipalId"] = c.uid;
  if (c.kind == iam::CallerKind::RoleSession) out["RoleId"] = c.uid.substr(0, c.uid.find(':'));
  return out;
}

}  // namespace

bool is_sts_action(std::string_view action) { return action == "AssumeRole" || action == "GetCallerIdentity"; }

std::optional<RpcResult> run_sts_action(const RpcRequest& r, std::string_view action) {
  if (action == "AssumeRole") return assume_role(r);
  if (action == "GetCallerIdentity") return get_caller_identity(r);
  return std::nullopt;
}

}  // namespace ossd::api
