// The operations ossd serves, made from the one table api/operations.def: the enum, each
// operation's name, the RAM resource level, how the request is authenticated and authorized,
// and the RAM action. Constant data; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "iam/decide.hpp"

namespace ossd::api {

enum class Operation {
#define OSSD_OPERATION(name, handler, level, auth, action, acl) name,
#include "api/operations.def"
#undef OSSD_OPERATION
};

inline constexpr std::size_t kOperationCount = 0
#define OSSD_OPERATION(name, handler, level, auth, action, acl) +1
#include "api/operations.def"
#undef OSSD_OPERATION
    ;

// The RAM resource an operation's action is checked on.
enum class Level { Service, Bucket, Object };

// Who authenticates and authorizes a request (operations.def explains each mode). Only Public
// and RpcSigned skip OSS authorization, and only rows that name them do.
enum class AuthMode { Signed, FormSigned, PerKey, Public, RpcSigned };

struct OperationInfo {
  Operation op;
  std::string_view name;
  Level level;
  AuthMode auth;
  std::string_view
      action;  // OSS RAM action, e.g. "oss:GetObject"; empty only for Public / RpcSigned
  iam::AclNeed acl;
};

// Every row of operations.def, in its order (also the enum's order).
std::span<const OperationInfo> operations();
const OperationInfo& operation_info(Operation op);
std::string_view operation_name(Operation op);

}  // namespace ossd::api
