// The operations table (api/operations.def) fails closed: the operations that skip OSS
// authorization are exactly the named exceptions, and every other one names an OSS action.
#include "api/operations.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace ossd::api {
namespace {

// Changing this set is a security decision: a new entry must be argued in the review.
TEST(Operations, OnlyTheNamedExceptionsSkipAuthorization) {
  std::set<std::string_view> exempt;
  for (const OperationInfo& op : operations())
    if (op.auth == AuthMode::Public || op.auth == AuthMode::RpcSigned) exempt.insert(op.name);
  EXPECT_EQ(exempt, (std::set<std::string_view>{"OptionObject", "GetWebAsset", "RpcCall"}));
  EXPECT_EQ(operation_info(Operation::OptionObject).auth, AuthMode::Public);
  EXPECT_EQ(operation_info(Operation::GetWebAsset).auth, AuthMode::Public);
  EXPECT_EQ(operation_info(Operation::RpcCall).auth, AuthMode::RpcSigned);
}

// Handlers that authorize for themselves, with the table's action.
TEST(Operations, SelfAuthorizingHandlersAreTheNamedOnes) {
  std::map<std::string_view, AuthMode> own;
  for (const OperationInfo& op : operations())
    if (op.auth == AuthMode::FormSigned || op.auth == AuthMode::PerKey)
      own.emplace(op.name, op.auth);
  EXPECT_EQ(own,
            (std::map<std::string_view, AuthMode>{{"PostObject", AuthMode::FormSigned},
                                                  {"DeleteMultipleObjects", AuthMode::PerKey}}));
}

TEST(Operations, EveryOtherOperationNamesAnOssAction) {
  std::set<std::string_view> names;
  std::size_t i = 0;
  for (const OperationInfo& op : operations()) {
    EXPECT_EQ(static_cast<std::size_t>(op.op), i++) << op.name;
    EXPECT_TRUE(names.insert(op.name).second) << "twice: " << op.name;
    EXPECT_EQ(operation_name(op.op), op.name);
    bool exempt = op.auth == AuthMode::Public || op.auth == AuthMode::RpcSigned;
    if (exempt) {
      EXPECT_TRUE(op.action.empty()) << op.name;
    } else {
      EXPECT_TRUE(op.action.starts_with("oss:")) << op.name << ": '" << op.action << "'";
    }
  }
  EXPECT_EQ(operations().size(), kOperationCount);
}

// Spot checks of the action map against OSS's documented RAM actions.
TEST(Operations, ActionsAndAclNeeds) {
  struct Row {
    Operation op;
    const char* action;
    iam::AclNeed acl;
    Level level;
  };
  const Row rows[] = {
      {Operation::ListBuckets, "oss:ListBuckets", iam::AclNeed::None, Level::Service},
      {Operation::ListObjectsV2, "oss:ListObjects", iam::AclNeed::Read, Level::Bucket},
      {Operation::HeadObject, "oss:GetObject", iam::AclNeed::Read, Level::Object},
      {Operation::CopyObject, "oss:PutObject", iam::AclNeed::Write, Level::Object},
      {Operation::PostObject, "oss:PutObject", iam::AclNeed::Write, Level::Object},
      {Operation::DeleteMultipleObjects, "oss:DeleteObject", iam::AclNeed::Write, Level::Bucket},
      {Operation::PutBucketAcl, "oss:PutBucketAcl", iam::AclNeed::None, Level::Bucket},
      {Operation::GetObjectAcl, "oss:GetObjectAcl", iam::AclNeed::None, Level::Object},
  };
  for (const Row& r : rows) {
    const OperationInfo& info = operation_info(r.op);
    EXPECT_EQ(info.action, r.action) << info.name;
    EXPECT_EQ(info.acl, r.acl) << info.name;
    EXPECT_EQ(info.level, r.level) << info.name;
  }
}

}  // namespace
}  // namespace ossd::api
