// Bucket and object name rules (docs/oss-behaviour.md "Bucket names", "Object names").
#include "oss/names.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ossd {
namespace {

struct BucketCase {
  std::string name;
  bool valid;
};

TEST(NamesTest, BucketNames) {
  const BucketCase cases[] = {
      {"abc", true},
      {"my-bucket-01", true},
      {"0bucket9", true},
      {"a-b", true},
      {std::string(63, 'a'), true},
      {std::string(64, 'a'), false},
      {"ab", false},
      {"", false},
      {"-abc", false},
      {"abc-", false},
      {"Abc", false},
      {"a_b", false},
      {"a.b.c", false},
      {"a b", false},
      {"abc\xC3\xA9", false},
      {"a--b", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_valid_bucket_name(c.name), c.valid) << "bucket: '" << c.name << "'";
  }
}

struct KeyCase {
  std::string key;
  std::optional<std::string> ec;  // nullopt: valid
};

TEST(NamesTest, ObjectNames) {
  const KeyCase cases[] = {
      {"a", std::nullopt},
      {"dir/sub/file.txt", std::nullopt},
      {"dir/", std::nullopt},
      {"with space and !*'()", std::nullopt},
      {"\xE4\xB8\xAD\xE6\x96\x87.txt", std::nullopt},  // 中文.txt
      {"ctrl\x01\x1F", std::nullopt},                  // OSS accepts control characters
      {"a\\b", std::nullopt},                          // backslash only refused in front
      {std::string(1023, 'k'), std::nullopt},
      {"", "0016-00000001"},
      {std::string(1024, 'k'), "0016-00000002"},
      {"bad\xFF", "0016-00000002"},
      {"\xC0\xAF", "0016-00000002"},  // overlong '/'
      {"/leading", "0016-00000005"},
      {"\\leading", "0016-00000005"},
      {std::string("nul\0in", 6), "0016-00000002"},
  };
  for (const auto& c : cases) {
    auto r = check_object_name(c.key);
    SCOPED_TRACE("key size " + std::to_string(c.key.size()) + ": '" + c.key.substr(0, 20) + "'");
    if (!c.ec) {
      EXPECT_TRUE(r.has_value());
      continue;
    }
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidObjectName);
    EXPECT_EQ(r.error().code_string(), "InvalidObjectName");
    EXPECT_EQ(r.error().http_status(), 400);
    EXPECT_EQ(r.error().ec_or_default(), *c.ec);
    EXPECT_FALSE(r.error().message_or_default().empty());
  }
}

TEST(NamesTest, MultibyteKeyAtLimitCountsBytes) {
  std::string key;
  while (key.size() + 3 <= 1023) key += "\xE4\xB8\xAD";  // 341 chars, 1023 bytes
  EXPECT_TRUE(check_object_name(key).has_value());
  EXPECT_FALSE(check_object_name(key + "a").has_value());
}

}  // namespace
}  // namespace ossd
