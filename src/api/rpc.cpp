#include "api/rpc.hpp"

#include "auth/rpc_signature.hpp"
#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

#include <map>
#include <mutex>

namespace ossd::api {
namespace json = boost::json;
using identity::RamError;

namespace {

constexpr int64_t kMaxSkewS = 15 * 60;
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kMaxNonces = 100000;
constexpr std::string_view kRamVersion = "2015-05-01", kStsVersion = "2015-04-01";

// Recently used SignatureNonce values (replay protection within the timestamp window).
class NonceLog {
 public:
  bool first_use(const std::string& nonce, int64_t now) {
    std::lock_guard lock(mu_);
    for (auto it = seen_.begin(); it != seen_.end() && (it->second < now || seen_.size() > kMaxNonces);)
      it = seen_.erase(it);
    return seen_.emplace(nonce, now + 2 * kMaxSkewS).second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, int64_t> seen_;
};

NonceLog& nonces() {
  static NonceLog log;
  return log;
}

// Query and form body share one syntax (application/x-www-form-urlencoded).
bool add_pairs(std::string_view raw, std::vector<std::pair<std::string, std::string>>& out) {
  auto pairs = parse_query(raw);
  if (!pairs) return false;
  out.insert(out.end(), std::make_move_iterator(pairs->begin()), std::make_move_iterator(pairs->end()));
  return true;
}

Response json_response(const Call& call, int status, json::object body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json;charset=utf-8");
  body["RequestId"] = call.req.request_id;
  r.body = json::serialize(body);
  return r;
}

Response error_json(const Call& call, const RamError& e) {
  json::object o;
  o["HostId"] = call.route.host;
  o["Code"] = e.code;
  o["Message"] = e.message;
  o["Recommend"] = "";
  return json_response(call, e.status, std::move(o));
}

RamError no_permission() {
  return {403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."};
}

// The RAM resource an action names, for policies such as acs:ram:*:<account>:user/alice.
std::string ram_resource(const RpcRequest& r, std::string_view action) {
  const std::string& account = r.registry.account_id();
  if (action == "AssumeRole") return to_lower(std::string(r.param("RoleArn").value_or("")));
  if (auto u = r.param("UserName")) return "acs:ram:*:" + account + ":user/" + std::string(*u);
  if (auto role = r.param("RoleName")) return "acs:ram:*:" + account + ":role/" + std::string(*role);
  if (auto p = r.param("PolicyName")) return "acs:ram:*:" + account + ":policy/" + std::string(*p);
  return "acs:ram:*:" + account + ":*";
}

// Root may do everything; users and role sessions what their policies allow.
bool permitted(const RpcRequest& r, std::string_view action) {
  if (action == "GetCallerIdentity" || r.caller.kind == iam::CallerKind::Root) return true;
  iam::AccessRequest ar;
  ar.caller = r.caller.kind;
  for (const auto& p : r.caller.policies) ar.identity_policies.push_back(p.get());
  ar.session_policy = r.caller.session_policy.get();
  std::string full = (action == "AssumeRole" ? "sts:" : "ram:") + std::string(action);
  ar.ctx = request_context(r.call, full, ram_resource(r, action));
  return iam::decide(ar).allowed;
}

Response run(const Call& call, std::string_view method, std::string_view body) {
  identity::Registry& registry = *call.ctx.config.identities;
  RpcRequest r{call, {}, {}, registry};
  if (!add_pairs(call.req.raw_query, r.params) || !add_pairs(body, r.params))
    return error_json(call, {400, "InvalidParameter", "The parameters are not well-formed (percent-encoding or UTF-8)."});

  for (std::string_view name :
       {"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "Timestamp"})
    if (!r.param(name)) return error_json(call, missing_parameter(name));
  // The gateway routes on (Version, Action) before it authenticates: RAM and STS each have one.
  std::string action(*r.param("Action"));
  if (*r.param("Version") != (is_sts_action(action) ? kStsVersion : kRamVersion))
    return error_json(call, {400, "InvalidVersion", "Specified parameter Version is not valid."});
  if (r.param("SignatureMethod") != "HMAC-SHA1")
    return error_json(call, {400, "InvalidParameter", "The specified parameter \"SignatureMethod\" is not valid."});
  auto ts = parse_iso8601(*r.param("Timestamp"));
  if (!ts) return error_json(call, {400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."});
  int64_t now = now_s();
  if (*ts < now - kMaxSkewS || *ts > now + kMaxSkewS)
    return error_json(call, {400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."});

  std::string id(*r.param("AccessKeyId"));
  std::optional<std::string_view> token = r.param("SecurityToken");
  auto key = registry.find_key(id, token);
  if (!key && registry.key_inactive(id))
    return error_json(call, {400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."});
  if (!key) return error_json(call, {404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."});
  if (key->security_token) {
    if (!token || !constant_time_equals(*token, *key->security_token))
      return error_json(call, {400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."});
    if (now > key->token_expires_s)
      return error_json(call, {400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."});
  }
  std::string string_to_sign = auth::rpc_string_to_sign(method, r.params);
  if (!constant_time_equals(auth::rpc_signature(key->secret, string_to_sign), *r.param("Signature")))
    return error_json(call, {400, "SignatureDoesNotMatch",
                             "Specified signature is not matched with our calculation. server string to sign is:" + string_to_sign});
  if (!nonces().first_use(std::string(*r.param("SignatureNonce")), now))
    return error_json(call, {400, "SignatureNonceUsed", "Specified signature nonce was used already."});

  auto caller = registry.caller(id, token);
  if (!caller) return error_json(call, {404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."});
  r.caller = std::move(*caller);

  if (!permitted(r, action)) return error_json(call, no_permission());
  std::optional<RpcResult> result = run_sts_action(r, action);
  if (!result) result = run_ram_action(r, action);
  if (!result)
    return error_json(call, {404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."});
  if (!*result) return error_json(call, result->error());
  return json_response(call, 200, std::move(**result));
}

}  // namespace

std::optional<std::string_view> RpcRequest::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

RamError missing_parameter(std::string_view name) {
  return {400, "MissingParameter",
          "The input parameter \"" + std::string(name) + "\" that is mandatory for processing this request is not supplied."};
}

boost::system::result<std::string, RamError> required(const RpcRequest& r, std::string_view name) {
  auto v = r.param(name);
  if (!v || v->empty()) return missing_parameter(name);
  return std::string(*v);
}

std::string rpc_time(int64_t unix_s) {
  std::string t = format_iso8601_ms(unix_s * 1000);  // ...:38.000Z
  return t.substr(0, 19) + "Z";
}

Prepared handle_rpc(Call& call) {
  if (call.req.method == "GET") return answer(run(call, "GET", ""));
  Prepared p;
  p.handler = buffered_body(call, [call](std::string body) { return run(call, "POST", body); }, kMaxBody);
  return p;
}

}  // namespace ossd::api
