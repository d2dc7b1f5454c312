#include "api/operations.hpp"

#include <array>
#include <cstddef>

namespace ossd::api {
namespace {

constexpr std::array kOperations = {
#define OSSD_OPERATION(name, handler, level, auth, action, acl) \
  OperationInfo{Operation::name, #name, Level::level, AuthMode::auth, action, iam::AclNeed::acl},
#include "api/operations.def"
#undef OSSD_OPERATION
};

// Fail closed at compile time: every row is in enum order (so the enum indexes the table),
// every authorized mode names an OSS action, and only the two exempt modes name none.
constexpr bool table_is_closed() {
  for (std::size_t i = 0; i < kOperations.size(); ++i) {
    const OperationInfo& row = kOperations[i];
    if (static_cast<std::size_t>(row.op) != i) return false;
    bool exempt = row.auth == AuthMode::Public || row.auth == AuthMode::RpcSigned;
    if (exempt != row.action.empty()) return false;
    if (!exempt && !row.action.starts_with("oss:")) return false;
  }
  return true;
}
static_assert(table_is_closed(),
              "operations.def: a row without a RAM action, or an action on an exempt row");

}  // namespace

std::span<const OperationInfo> operations() { return kOperations; }

const OperationInfo& operation_info(Operation op) {
  return kOperations[static_cast<std::size_t>(op)];
}

std::string_view operation_name(Operation op) { return operation_info(op).name; }

}  // namespace ossd::api
