// Condition operators one by one: literals, request values, absent keys, negation.
#include "iam/condition.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ossd::iam {
namespace {

using Context = std::vector<std::pair<std::string, std::string>>;

std::vector<Condition> conds(const char* json) {
  auto c = parse_conditions(boost::json::parse(json), "Statement[0]");
  EXPECT_TRUE(c.has_value()) << (c.has_value() ? "" : std::string(c.error().message_or_default()));
  return c.has_value() ? *c : std::vector<Condition>{};
}

bool holds(const char* json, const Context& ctx) {
  auto cs = conds(json);
  EXPECT_FALSE(cs.empty());
  for (const auto& c : cs) {
    if (!condition_holds(c, ctx)) return false;
  }
  return true;
}

TEST(ConditionTest, StringOperators) {
  const Context ctx = {{"acs:UserAgent", "aliyun-sdk-js/6.23.0"}};
  EXPECT_TRUE(holds(R"({"StringEquals":{"acs:UserAgent":"aliyun-sdk-js/6.23.0"}})", ctx));
  EXPECT_FALSE(holds(R"({"StringEquals":{"acs:UserAgent":"ALIYUN-SDK-JS/6.23.0"}})", ctx));
  EXPECT_TRUE(holds(R"({"StringEqualsIgnoreCase":{"acs:UserAgent":"ALIYUN-SDK-JS/6.23.0"}})", ctx));
  EXPECT_FALSE(holds(R"({"StringNotEqualsIgnoreCase":{"acs:UserAgent":"ALIYUN-SDK-JS/6.23.0"}})", ctx));
  EXPECT_TRUE(holds(R"({"StringNotEquals":{"acs:UserAgent":["curl/8", "Wget"]}})", ctx));
  EXPECT_FALSE(holds(R"({"StringNotEquals":{"acs:UserAgent":["curl/8", "aliyun-sdk-js/6.23.0"]}})", ctx));
  EXPECT_TRUE(holds(R"({"StringLike":{"acs:UserAgent":"aliyun-sdk-*"}})", ctx));
  EXPECT_FALSE(holds(R"({"StringLike":{"acs:UserAgent":"Aliyun-sdk-*"}})", ctx));  // case-sensitive
  EXPECT_TRUE(holds(R"({"StringNotLike":{"acs:UserAgent":"curl*"}})", ctx));
  EXPECT_FALSE(holds(R"({"StringNotLike":{"acs:UserAgent":["curl*","*sdk*"]}})", ctx));
}

TEST(ConditionTest, KeyNamesAreCaseInsensitive) {
  EXPECT_TRUE(holds(R"({"StringEquals":{"ACS:useragent":"x"}})", {{"acs:UserAgent", "x"}}));
  EXPECT_TRUE(holds(R"({"StringEquals":{"acs:Referer":"x"}})", {{"ACS:REFERER", "x"}}));
}

TEST(ConditionTest, AbsentKeyIsFalseForPositiveAndTrueForNegated) {
  const Context none;
  EXPECT_FALSE(holds(R"({"StringEquals":{"oss:Prefix":""}})", none));
  EXPECT_FALSE(holds(R"({"StringLike":{"oss:Prefix":"*"}})", none));
  EXPECT_FALSE(holds(R"({"IpAddress":{"acs:SourceIp":"0.0.0.0/0"}})", none));
  EXPECT_FALSE(holds(R"({"Bool":{"acs:SecureTransport":"false"}})", none));
  EXPECT_FALSE(holds(R"({"NumericLessThan":{"oss:max-keys":"100"}})", none));
  EXPECT_FALSE(holds(R"({"DateLessThan":{"acs:CurrentTime":"2099-01-01T00:00:00Z"}})", none));
  EXPECT_TRUE(holds(R"({"StringNotEquals":{"oss:Prefix":"a"}})", none));
  EXPECT_TRUE(holds(R"({"StringNotLike":{"oss:Prefix":"*"}})", none));
  EXPECT_TRUE(holds(R"({"NotIpAddress":{"acs:SourceIp":"0.0.0.0/0"}})", none));
  EXPECT_TRUE(holds(R"({"NumericNotEquals":{"oss:max-keys":"1"}})", none));
  EXPECT_TRUE(holds(R"({"DateNotEquals":{"acs:CurrentTime":"2024-01-01"}})", none));
  // A present but empty key is present: "" is a value.
  EXPECT_TRUE(holds(R"({"StringEquals":{"oss:Prefix":""}})", {{"oss:Prefix", ""}}));
}

TEST(ConditionTest, SourceIpV4) {
  const char* office = R"({"IpAddress":{"acs:SourceIp":["192.168.0.0/16","10.1.2.3"]}})";
  EXPECT_TRUE(holds(office, {{"acs:SourceIp", "192.168.255.1"}}));
  EXPECT_TRUE(holds(office, {{"acs:SourceIp", "10.1.2.3"}}));
  EXPECT_FALSE(holds(office, {{"acs:SourceIp", "10.1.2.4"}}));
  EXPECT_FALSE(holds(office, {{"acs:SourceIp", "192.169.0.1"}}));
  EXPECT_TRUE(holds(R"({"IpAddress":{"acs:SourceIp":"0.0.0.0/0"}})", {{"acs:SourceIp", "8.8.8.8"}}));
  EXPECT_TRUE(holds(R"({"IpAddress":{"acs:SourceIp":"10.0.0.0/9"}})", {{"acs:SourceIp", "10.127.0.1"}}));
  EXPECT_FALSE(holds(R"({"IpAddress":{"acs:SourceIp":"10.0.0.0/9"}})", {{"acs:SourceIp", "10.128.0.1"}}));
  EXPECT_TRUE(holds(R"({"NotIpAddress":{"acs:SourceIp":"192.168.0.0/16"}})", {{"acs:SourceIp", "1.2.3.4"}}));
  EXPECT_FALSE(holds(R"({"NotIpAddress":{"acs:SourceIp":"192.168.0.0/16"}})", {{"acs:SourceIp", "192.168.1.1"}}));
}

TEST(ConditionTest, SourceIpV6AndMixedFamilies) {
  const char* v6 = R"({"IpAddress":{"acs:SourceIp":"2001:db8::/32"}})";
  EXPECT_TRUE(holds(v6, {{"acs:SourceIp", "2001:db8:ffff::1"}}));
  EXPECT_FALSE(holds(v6, {{"acs:SourceIp", "2001:db9::1"}}));
  EXPECT_FALSE(holds(v6, {{"acs:SourceIp", "32.1.13.184"}}));  // 0x2001 0x0db8 as IPv4: no match
  EXPECT_TRUE(holds(R"({"IpAddress":{"acs:SourceIp":"::1"}})", {{"acs:SourceIp", "::1"}}));
  EXPECT_TRUE(holds(R"({"IpAddress":{"acs:SourceIp":"fe80::/10"}})", {{"acs:SourceIp", "febf::1"}}));
  EXPECT_FALSE(holds(R"({"IpAddress":{"acs:SourceIp":"fe80::/10"}})", {{"acs:SourceIp", "fec0::1"}}));
  // An IPv4 client seen through a dual-stack socket matches IPv4 blocks.
  EXPECT_TRUE(holds(R"({"IpAddress":{"acs:SourceIp":"127.0.0.0/8"}})", {{"acs:SourceIp", "::ffff:127.0.0.1"}}));
  EXPECT_FALSE(holds(R"({"IpAddress":{"acs:SourceIp":"::/0"}})", {{"acs:SourceIp", "not-an-ip"}}));
  EXPECT_TRUE(holds(R"({"NotIpAddress":{"acs:SourceIp":"10.0.0.0/8"}})", {{"acs:SourceIp", "garbage"}}));
  // A request address is one address, never a block.
  EXPECT_FALSE(holds(R"({"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}})", {{"acs:SourceIp", "10.0.0.0/8"}}));
}

TEST(ConditionTest, Dates) {
  const Context now = {{"acs:CurrentTime", "2024-11-12T08:32:38Z"}};
  EXPECT_TRUE(holds(R"({"DateLessThan":{"acs:CurrentTime":"2024-11-12T08:32:39Z"}})", now));
  EXPECT_FALSE(holds(R"({"DateLessThan":{"acs:CurrentTime":"2024-11-12T08:32:38Z"}})", now));
  EXPECT_TRUE(holds(R"({"DateLessThanEquals":{"acs:CurrentTime":"2024-11-12T08:32:38Z"}})", now));
  EXPECT_TRUE(holds(R"({"DateEquals":{"acs:CurrentTime":"2024-11-12T16:32:38+08:00"}})", now));
  EXPECT_TRUE(holds(R"({"DateNotEquals":{"acs:CurrentTime":"2024-11-12T16:32:38Z"}})", now));
  EXPECT_TRUE(holds(R"({"DateGreaterThan":{"acs:CurrentTime":"2024-11-12"}})", now));
  EXPECT_FALSE(holds(R"({"DateGreaterThanEquals":{"acs:CurrentTime":"2024-11-13"}})", now));
  EXPECT_TRUE(holds(R"({"DateGreaterThan":{"acs:CurrentTime":"2024-11-12T08:32:37.999Z"}})", now));
  // Milliseconds in the request (format_iso8601_ms) count.
  EXPECT_TRUE(holds(R"({"DateGreaterThan":{"acs:CurrentTime":"2024-11-12T08:32:38Z"}})",
                    {{"acs:CurrentTime", "2024-11-12T08:32:38.001Z"}}));
}

TEST(ConditionTest, Iso8601Parser) {
  int64_t ms = 0;
  ASSERT_TRUE(parse_iso8601_ms("2024-11-12T08:32:38Z", ms));
  EXPECT_EQ(ms, int64_t{1731400358} * 1000);
  ASSERT_TRUE(parse_iso8601_ms("2024-11-12T08:32:38.5Z", ms));
  EXPECT_EQ(ms, int64_t{1731400358} * 1000 + 500);
  ASSERT_TRUE(parse_iso8601_ms("2024-11-12T03:32:38-05:00", ms));
  EXPECT_EQ(ms, int64_t{1731400358} * 1000);
  ASSERT_TRUE(parse_iso8601_ms("2024-02-29", ms));
  EXPECT_FALSE(parse_iso8601_ms("2023-02-29", ms));
  EXPECT_FALSE(parse_iso8601_ms("2024-11-12T24:00:00Z", ms));
  EXPECT_FALSE(parse_iso8601_ms("2024-11-12T08:32:38Zjunk", ms));
  EXPECT_FALSE(parse_iso8601_ms("2024-11-12T08:32:38.Z", ms));
  EXPECT_FALSE(parse_iso8601_ms("2024-11-12T08:32:38+0800", ms));
  EXPECT_FALSE(parse_iso8601_ms("", ms));
}

TEST(ConditionTest, NumbersAndBool) {
  const Context ctx = {{"oss:max-keys", "100"}, {"acs:SecureTransport", "TRUE"}};
  EXPECT_TRUE(holds(R"({"NumericEquals":{"oss:max-keys":["1","100"]}})", ctx));
  EXPECT_TRUE(holds(R"({"NumericEquals":{"oss:max-keys":100.0}})", ctx));
  EXPECT_FALSE(holds(R"({"NumericNotEquals":{"oss:max-keys":"100"}})", ctx));
  EXPECT_TRUE(holds(R"({"NumericLessThan":{"oss:max-keys":"101"}})", ctx));
  EXPECT_FALSE(holds(R"({"NumericLessThan":{"oss:max-keys":"100"}})", ctx));
  EXPECT_TRUE(holds(R"({"NumericLessThanEquals":{"oss:max-keys":"100"}})", ctx));
  EXPECT_TRUE(holds(R"({"NumericGreaterThan":{"oss:max-keys":"-5"}})", ctx));
  EXPECT_TRUE(holds(R"({"NumericGreaterThanEquals":{"oss:max-keys":"1e2"}})", ctx));
  EXPECT_TRUE(holds(R"({"Bool":{"acs:SecureTransport":"true"}})", ctx));
  EXPECT_TRUE(holds(R"({"Bool":{"acs:SecureTransport":true}})", ctx));
  EXPECT_FALSE(holds(R"({"Bool":{"acs:SecureTransport":"false"}})", ctx));
  EXPECT_FALSE(holds(R"({"NumericEquals":{"oss:max-keys":"100"}})", {{"oss:max-keys", "lots"}}));
}

TEST(ConditionTest, KeysAndOperatorsAreAnded) {
  const char* both = R"({"StringEquals":{"oss:Delimiter":"/","oss:Prefix":"a/"},"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}})";
  EXPECT_TRUE(holds(both, {{"oss:Prefix", "a/"}, {"oss:Delimiter", "/"}, {"acs:SourceIp", "10.0.0.1"}}));
  EXPECT_FALSE(holds(both, {{"oss:Prefix", "a/"}, {"oss:Delimiter", "/"}, {"acs:SourceIp", "11.0.0.1"}}));
  EXPECT_FALSE(holds(both, {{"oss:Prefix", "a/"}, {"acs:SourceIp", "10.0.0.1"}}));
}

TEST(ConditionTest, IpBlockParser) {
  IpBlock b;
  EXPECT_TRUE(parse_ip_block("10.0.0.0/8", b));
  EXPECT_EQ(b.prefix, 104);
  EXPECT_TRUE(parse_ip_block("2001:db8::/32", b));
  EXPECT_EQ(b.prefix, 32);
  EXPECT_TRUE(parse_ip_block("1.2.3.4", b));
  EXPECT_EQ(b.prefix, 128);
  EXPECT_FALSE(parse_ip_block("1.2.3.4/", b));
  EXPECT_FALSE(parse_ip_block("1.2.3.4/-1", b));
  EXPECT_FALSE(parse_ip_block("1.2.3.4/8x", b));
  EXPECT_FALSE(parse_ip_block("1.2.3", b));
  EXPECT_FALSE(parse_ip_block("", b));
}

}  // namespace
}  // namespace ossd::iam
