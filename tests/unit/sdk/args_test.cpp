// ossctl argument values: durations (--expires), the V4 seven-day limit, oss:// URIs, --date,
// --header and --query.
#include <gtest/gtest.h>

#include "cli/args.hpp"

namespace ossd::cli {
namespace {

TEST(Duration, AcceptedForms) {
  const std::pair<const char*, int64_t> cases[] = {
      {"3600", 3600}, {"3600s", 3600}, {"90m", 5400}, {"1h", 3600},
      {"7d", 604800}, {"1", 1},        {"8d", 691200}};
  for (const auto& [text, seconds] : cases) {
    auto r = parse_duration(text);
    ASSERT_TRUE(r.has_value()) << text;
    EXPECT_EQ(*r, seconds) << text;
  }
}

TEST(Duration, RejectedForms) {
  for (const char* text : {"", "h", "0", "-5", "1x", "1.5h", "1hh", " 1h", "99999999999999999d"}) {
    auto r = parse_duration(text);
    EXPECT_FALSE(r.has_value()) << "'" << text << "'";
    if (!r) {
      EXPECT_EQ(r.error().code, sdk::Error::kInvalidArgument) << text;
    }
  }
}

TEST(Duration, V4LimitIsSevenDays) {
  EXPECT_EQ(check_v4_expires(604800, "7d").value(), 604800);
  auto refused = check_v4_expires(parse_duration("8d").value(), "8d");
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("8d"), std::string::npos);
  EXPECT_NE(refused.error().message.find("604800"), std::string::npos);
  EXPECT_FALSE(check_v4_expires(604801, "604801").has_value());
}

TEST(Size, AcceptedForms) {
  const std::pair<const char*, int64_t> cases[] = {
      {"1048576", 1048576}, {"10B", 10},          {"512KiB", 512 * 1024}, {"100MiB", 100LL << 20},
      {"2GiB", 2LL << 30},  {"5GB", 5000000000},  {"3M", 3LL << 20},      {"1KB", 1000}};
  for (const auto& [text, bytes] : cases) {
    auto r = parse_size(text);
    ASSERT_TRUE(r) << text;
    EXPECT_EQ(*r, bytes) << text;
  }
}

TEST(Size, RejectedForms) {
  for (const char* text : {"", "0", "-1", "MiB", "10 MiB", "1.5MiB", "10XB", "9999999999TiB"}) {
    EXPECT_FALSE(parse_size(text)) << text;
  }
}

TEST(OssUri, Parse) {
  struct Case {
    const char* text;
    const char* bucket;
    const char* key;
  };
  const Case cases[] = {
      {"oss://b", "b", ""},
      {"oss://b/", "b", ""},
      {"oss://b/k", "b", "k"},
      {"oss://b/dir/sub/file.txt", "b", "dir/sub/file.txt"},
      {"oss://b/dir/", "b", "dir/"},
      {"oss://b/a b+c%20", "b", "a b+c%20"},  // keys are taken literally, not decoded
  };
  for (const auto& c : cases) {
    auto r = parse_oss_uri(c.text);
    ASSERT_TRUE(r.has_value()) << c.text;
    EXPECT_EQ(r->bucket, c.bucket) << c.text;
    EXPECT_EQ(r->key, c.key) << c.text;
  }
  for (const char* bad : {"", "oss://", "oss:///k", "s3://b/k", "b/k", "/tmp/file"}) {
    EXPECT_FALSE(parse_oss_uri(bad).has_value()) << bad;
  }
  EXPECT_TRUE(is_oss_uri("oss://b"));
  EXPECT_FALSE(is_oss_uri("./oss://b"));
}

TEST(SignDate, BasicAndExtended) {
  EXPECT_EQ(parse_sign_date("20241112T083238Z").value(), 1731400358);
  EXPECT_EQ(parse_sign_date("2024-11-12T08:32:38Z").value(), 1731400358);
  EXPECT_FALSE(parse_sign_date("yesterday").has_value());
}

TEST(HeaderAndQueryArgs, Split) {
  auto h = parse_header_arg("Content-Type: application/octet-stream");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->first, "Content-Type");
  EXPECT_EQ(h->second, "application/octet-stream");
  EXPECT_EQ(parse_header_arg("x-oss-meta-a:b:c").value().second, "b:c");
  EXPECT_FALSE(parse_header_arg("no-colon").has_value());
  EXPECT_FALSE(parse_header_arg(":value").has_value());
  auto q = parse_query_arg("response-content-disposition=attachment; filename=a=b");
  EXPECT_EQ(q.first, "response-content-disposition");
  EXPECT_EQ(q.second, "attachment; filename=a=b");
  EXPECT_EQ(parse_query_arg("acl"), (std::pair<std::string, std::string>{"acl", ""}));
}

}  // namespace
}  // namespace ossd::cli
