// Every row of src/oss/errors.def (docs/architecture.md: the table test).
#include "oss/errors.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace ossd {
namespace {

bool is_ec_format(std::string_view ec) {
  // "NNNN-NNNNNNNN", as in x-oss-ec.
  if (ec.size() != 13 || ec[4] != '-') return false;
  for (std::size_t i = 0; i < ec.size(); ++i) {
    if (i != 4 && !std::isdigit(static_cast<unsigned char>(ec[i]))) return false;
  }
  return true;
}

TEST(ErrorTableTest, EveryRowIsWellFormed) {
  const auto& rows = all_errors();
  ASSERT_FALSE(rows.empty());
  std::set<std::string_view> names;
  for (const ErrorInfo& row : rows) {
    SCOPED_TRACE(std::string(row.name));
    EXPECT_TRUE(names.insert(row.name).second) << "duplicate enum name";
    EXPECT_GE(row.http_status, 300);
    EXPECT_LE(row.http_status, 599);
    EXPECT_FALSE(row.code.empty());
    ASSERT_FALSE(row.message.empty());
    EXPECT_EQ(row.message.back(), '.') << "messages end with a period";
    EXPECT_TRUE(is_ec_format(row.ec)) << row.ec;
  }
}

TEST(ErrorTableTest, EnumIndexesTheTable) {
  const auto& rows = all_errors();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(&error_info(static_cast<ErrorCode>(i)), &rows[i]);
  }
  EXPECT_EQ(error_info(ErrorCode::NoSuchKey).name, "NoSuchKey");
  EXPECT_EQ(error_info(ErrorCode::NoSuchKey).http_status, 404);
  EXPECT_EQ(error_info(ErrorCode::RequestExpired).code, "AccessDenied");
}

TEST(ErrorTest, OverridesAndFields) {
  Error e(ErrorCode::NoSuchBucket);
  EXPECT_EQ(e.message_or_default(), "The specified bucket does not exist.");
  EXPECT_EQ(e.ec_or_default(), error_info(ErrorCode::NoSuchBucket).ec);
  e.with("BucketName", "b");
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].first, "BucketName");
  Error custom(ErrorCode::InvalidArgument, "Custom.");
  custom.ec = "0016-99999999";
  EXPECT_EQ(custom.message_or_default(), "Custom.");
  EXPECT_EQ(custom.ec_or_default(), "0016-99999999");
  EXPECT_EQ(custom.http_status(), 400);
}

}  // namespace
}  // namespace ossd
