#include "common/time.hpp"

#include <gtest/gtest.h>

namespace ossd {
namespace {

constexpr int64_t kT = 1731400358;  // 2024-11-12T08:32:38Z

TEST(Time, Format) {
  EXPECT_EQ(format_rfc1123(kT), "Tue, 12 Nov 2024 08:32:38 GMT");
  EXPECT_EQ(format_iso8601_ms(kT * 1000 + 7), "2024-11-12T08:32:38.007Z");
  EXPECT_EQ(format_iso8601_basic(kT), "20241112T083238Z");
  EXPECT_EQ(format_yyyymmdd(kT), "20241112");
  EXPECT_EQ(format_iso8601_basic(1735689599), "20241231T235959Z");
}

TEST(Time, ParseRoundTrip) {
  EXPECT_EQ(parse_rfc1123("Tue, 12 Nov 2024 08:32:38 GMT"), kT);
  EXPECT_EQ(parse_iso8601_basic("20241112T083238Z"), kT);
  EXPECT_EQ(parse_iso8601("2024-11-12T08:32:38Z"), kT);
  EXPECT_EQ(parse_iso8601("2024-11-12T08:32:38.000Z"), kT);
  EXPECT_EQ(parse_http_date("Tue, 12 Nov 2024 08:32:38 GMT"), kT);
  EXPECT_EQ(parse_http_date("Tuesday, 12-Nov-24 08:32:38 GMT"), kT);
  EXPECT_EQ(parse_http_date("Tue Nov 12 08:32:38 2024"), kT);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), 784111777);
}

TEST(Time, ParseRejects) {
  for (const char* bad : {"", "20241112T083238", "2024111T083238Z", "20241312T083238Z",
                          "20241112T253238Z", "20240231T000000Z", "2024-11-12 08:32:38Z"}) {
    EXPECT_FALSE(parse_iso8601_basic(bad).has_value()) << bad;
  }
  for (const char* bad : {"Tue, 12 Nov 2024 08:32:38", "Tue, 12 Foo 2024 08:32:38 GMT",
                          "12 Nov 2024 08:32:38 GMT", "Tue, 12 Nov 2024 8:32:38 GMT"}) {
    EXPECT_FALSE(parse_rfc1123(bad).has_value()) << bad;
  }
  EXPECT_FALSE(parse_iso8601("2024-11-12T08:32:38.Z").has_value());
  EXPECT_FALSE(parse_http_date("yesterday").has_value());
}

TEST(Time, FrozenClock) {
  set_frozen_now_ms(kT * 1000 + 500);
  EXPECT_EQ(now_ms(), kT * 1000 + 500);
  EXPECT_EQ(now_s(), kT);
  set_frozen_now_ms(0);
  EXPECT_GT(now_s(), kT);
}

}  // namespace
}  // namespace ossd
