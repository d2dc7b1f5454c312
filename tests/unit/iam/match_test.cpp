// The wildcard and case-folding helpers under Action, Resource, Principal and StringLike.
#include "iam/match.hpp"

#include <gtest/gtest.h>

namespace ossd::iam {
namespace {

struct WildcardCase {
  const char* pattern;
  const char* subject;
  bool ignore_case;
  bool expected;
};

class WildcardTest : public ::testing::TestWithParam<WildcardCase> {};

TEST_P(WildcardTest, Matches) {
  const auto& c = GetParam();
  EXPECT_EQ(wildcard_match(c.pattern, c.subject, c.ignore_case), c.expected)
      << c.pattern << " vs " << c.subject;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, WildcardTest,
    ::testing::Values(
        WildcardCase{"*", "", false, true}, WildcardCase{"*", "anything:at/all", false, true},
        WildcardCase{"", "", false, true}, WildcardCase{"", "a", false, false},
        WildcardCase{"a", "", false, false}, WildcardCase{"abc", "abc", false, true},
        WildcardCase{"abc", "abcd", false, false}, WildcardCase{"abc", "ABC", false, false},
        WildcardCase{"abc", "ABC", true, true}, WildcardCase{"a?c", "abc", false, true},
        WildcardCase{"a?c", "ac", false, false}, WildcardCase{"a*c", "ac", false, true},
        WildcardCase{"a*c", "abbbc", false, true}, WildcardCase{"a*c", "abbbcd", false, false},
        WildcardCase{"oss:Get*", "oss:GetObject", false, true},
        WildcardCase{"oss:get*", "OSS:GetObject", true, true},
        WildcardCase{"oss:get*", "oss:GetObject", false, false},
        WildcardCase{"*/*", "bucket", false, false}, WildcardCase{"*/*", "bucket/", false, true},
        WildcardCase{"a*b*c", "aXbYbZc", false, true}, WildcardCase{"a*b*c", "aXbYcZ", false, false},
        WildcardCase{"**", "x", false, true}, WildcardCase{"*?", "", false, false},
        WildcardCase{"acs:oss:*:*:b/dir/*", "acs:oss:cn-hangzhou:123:b/dir/x/y.txt", false, true},
        WildcardCase{"acs:oss:*:*:b/dir/*", "acs:oss:cn-hangzhou:123:b/dir", false, false}));

TEST(WildcardTest, HostilePatternStaysLinearEnough) {
  // Classic exponential case for naive recursion: must return quickly.
  const std::string subject(5000, 'a');
  const std::string pattern = std::string(50, '*').append("a*a*a*a*a*a*a*a*b");
  EXPECT_FALSE(wildcard_match(pattern, subject, false));
}

TEST(CaseTest, FoldsAsciiOnly) {
  EXPECT_TRUE(iequals("acs:SourceIp", "ACS:sourceip"));
  EXPECT_FALSE(iequals("acs:SourceIp", "acs:SourceIpx"));
  EXPECT_EQ(to_lower("oss:GetObject"), "oss:getobject");
  EXPECT_EQ(to_lower("\xC3\x89"), "\xC3\x89");  // UTF-8 bytes untouched
}

}  // namespace
}  // namespace ossd::iam
