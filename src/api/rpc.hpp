// The RAM / STS RPC API that shares ossd's endpoint (docs/admin-api.md): Alibaba Cloud's
// RPC style — parameters in the query or a form body, signature 1.0 (HMAC-SHA1), JSON answers
// — so ossctl admin, ali-oss's OSS.STS and the official RAM/STS clients can all call it.
// rpc.cpp authenticates and authorizes; rpc_ram.cpp and rpc_sts.cpp hold the actions.
// Internal to api/.
#pragma once

#include "api/call.hpp"
#include "identity/registry.hpp"

#include <boost/json.hpp>
#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd::api {

struct RpcRequest {
  const Call& call;
  std::vector<std::pair<std::string, std::string>> params;  // decoded, query then body
  identity::Caller caller;
  identity::Registry& registry;

  std::optional<std::string_view> param(std::string_view name) const;
};

using RpcResult = boost::system::result<boost::json::object, identity::RamError>;

// MissingParameter naming the parameter, as Alibaba Cloud's gateway words it.
identity::RamError missing_parameter(std::string_view name);
// A required parameter, or MissingParameter.
boost::system::result<std::string, identity::RamError> required(const RpcRequest& r, std::string_view name);
// "2024-11-12T08:32:38Z"
std::string rpc_time(int64_t unix_s);

// AssumeRole and GetCallerIdentity (STS, Version 2015-04-01); every other action is RAM's (2015-05-01).
bool is_sts_action(std::string_view action);

// nullopt: not an action of this family.
std::optional<RpcResult> run_ram_action(const RpcRequest& r, std::string_view action);
std::optional<RpcResult> run_sts_action(const RpcRequest& r, std::string_view action);

}  // namespace ossd::api
