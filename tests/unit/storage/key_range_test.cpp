#include "storage/key_range.hpp"

#include <gtest/gtest.h>

namespace ossd::storage {
namespace {

TEST(KeyRange, PrefixSuccessor) {
  struct Case {
    std::string in;
    std::optional<std::string> want;
  } cases[] = {
      {"", std::nullopt},
      {"a", "b"},
      {"a/", "a0"},
      {"ab", "ac"},
      {std::string("a\xff"), "b"},
      {std::string("a\xff\xff"), "b"},
      {std::string("\xff"), std::nullopt},
      {std::string("\xff\xff"), std::nullopt},
      {std::string("\xfe"), std::string("\xff")},
      {std::string("a\x7f"), std::string("a\x80")},
  };
  for (const auto& c : cases) EXPECT_EQ(prefix_successor(c.in), c.want) << c.in;
}

TEST(KeyRange, ImmediateSuccessor) {
  EXPECT_EQ(immediate_successor("ab"), std::string("ab\0", 3));
  EXPECT_LT(std::string("ab"), immediate_successor("ab"));
  EXPECT_LT(immediate_successor("ab"), std::string("ab\x01"));
}

TEST(KeyRange, CommonPrefixOf) {
  EXPECT_EQ(common_prefix_of("a/b/c", "", "/"), "a/");
  EXPECT_EQ(common_prefix_of("a/b/c", "a/", "/"), "a/b/");
  EXPECT_EQ(common_prefix_of("a/b", "a/", "/"), std::nullopt);
  EXPECT_EQ(common_prefix_of("a--b--c", "", "--"), "a--");
  EXPECT_EQ(common_prefix_of("a/b", "", ""), std::nullopt);
  EXPECT_EQ(common_prefix_of("a/", "a/", "/"), std::nullopt);  // delimiter inside the prefix
}

}  // namespace
}  // namespace ossd::storage
