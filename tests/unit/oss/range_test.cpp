// Range header semantics (docs/oss-behaviour.md "Range"): every edge for both behaviours.
#include "oss/range.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ossd {
namespace {

enum class Want { Whole, Range, Invalid };

struct RangeCase {
  std::string header;
  uint64_t size;
  bool standard;
  Want want;
  uint64_t first = 0;
  uint64_t last = 0;
};

void PrintTo(const RangeCase& c, std::ostream* os) {
  *os << "'" << c.header << "' size=" << c.size << (c.standard ? " standard" : " default");
}

class RangeTest : public testing::TestWithParam<RangeCase> {};

TEST_P(RangeTest, Parses) {
  const RangeCase& c = GetParam();
  auto r = parse_range(c.header, c.size, c.standard);
  switch (c.want) {
    case Want::Invalid:
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().code, ErrorCode::InvalidRange);
      EXPECT_EQ(r.error().http_status(), 416);
      break;
    case Want::Whole:
      ASSERT_TRUE(r.has_value()) << r.error().code_string();
      EXPECT_FALSE(r->has_value());
      break;
    case Want::Range:
      ASSERT_TRUE(r.has_value()) << r.error().code_string();
      ASSERT_TRUE(r->has_value());
      EXPECT_EQ((*r)->first, c.first);
      EXPECT_EQ((*r)->last, c.last);
      EXPECT_EQ((*r)->length(), c.last - c.first + 1);
      break;
  }
}

constexpr bool D = false;  // default behaviour
constexpr bool S = true;   // x-oss-range-behavior: standard

INSTANTIATE_TEST_SUITE_P(
    Cases, RangeTest,
    testing::Values(
        // No header, other units, garbage.
        RangeCase{"", 1000, D, Want::Whole}, RangeCase{"", 1000, S, Want::Whole},
        RangeCase{"   ", 1000, D, Want::Whole}, RangeCase{"byte=0-499", 1000, D, Want::Whole},
        RangeCase{"byte=0-499", 1000, S, Want::Whole}, RangeCase{"items=0-1", 1000, S, Want::Whole},
        RangeCase{"bytes=", 1000, D, Want::Whole}, RangeCase{"bytes=", 1000, S, Want::Invalid},
        RangeCase{"bytes=-", 1000, D, Want::Whole}, RangeCase{"bytes=-", 1000, S, Want::Invalid},
        RangeCase{"bytes=abc", 1000, D, Want::Whole}, RangeCase{"bytes=a-b", 1000, S, Want::Invalid},
        RangeCase{"bytes=1-2-3", 1000, D, Want::Whole}, RangeCase{"bytes=+1-2", 1000, D, Want::Whole},
        RangeCase{"bytes= 0-1", 1000, D, Want::Whole}, RangeCase{"bytes=0x1-2", 1000, D, Want::Whole},
        RangeCase{"bytes=99999999999999999999-", 1000, D, Want::Whole},  // overflows uint64
        RangeCase{"bytes=99999999999999999999-", 1000, S, Want::Invalid},
        // Plain ranges.
        RangeCase{"bytes=0-499", 1000, D, Want::Range, 0, 499},
        RangeCase{"bytes=500-999", 1000, D, Want::Range, 500, 999},
        RangeCase{"bytes=0-0", 1000, D, Want::Range, 0, 0},
        RangeCase{"bytes=999-999", 1000, D, Want::Range, 999, 999},
        RangeCase{"BYTES=1-2", 1000, D, Want::Range, 1, 2},
        RangeCase{"  bytes=1-2  ", 1000, D, Want::Range, 1, 2},
        RangeCase{"bytes=0-", 1000, D, Want::Range, 0, 999},
        RangeCase{"bytes=500-", 1000, S, Want::Range, 500, 999},
        RangeCase{"bytes=999-", 1000, D, Want::Range, 999, 999},
        // End past the object: clamped.
        RangeCase{"bytes=0-1000", 1000, D, Want::Range, 0, 999},
        RangeCase{"bytes=500-2000", 1000, D, Want::Range, 500, 999},
        RangeCase{"bytes=500-2000", 1000, S, Want::Range, 500, 999},
        RangeCase{"bytes=0-18446744073709551615", 10, D, Want::Range, 0, 9},
        // Start at or past the end: unsatisfiable in both behaviours.
        RangeCase{"bytes=1000-", 1000, D, Want::Invalid}, RangeCase{"bytes=1000-2000", 1000, D, Want::Invalid},
        RangeCase{"bytes=1000-2000", 1000, S, Want::Invalid}, RangeCase{"bytes=5000-", 1000, S, Want::Invalid},
        // first > last: syntactically invalid.
        RangeCase{"bytes=10-5", 1000, D, Want::Whole}, RangeCase{"bytes=10-5", 1000, S, Want::Invalid},
        RangeCase{"bytes=2000-1000", 1000, D, Want::Whole},
        // Suffix ranges.
        RangeCase{"bytes=-500", 1000, D, Want::Range, 500, 999},
        RangeCase{"bytes=-1", 1000, D, Want::Range, 999, 999},
        RangeCase{"bytes=-1000", 1000, D, Want::Range, 0, 999},
        RangeCase{"bytes=-2000", 1000, D, Want::Whole},
        RangeCase{"bytes=-2000", 1000, S, Want::Range, 0, 999},
        RangeCase{"bytes=-0", 1000, D, Want::Whole}, RangeCase{"bytes=-0", 1000, S, Want::Invalid},
        // Multi-range: ignored, or refused under standard.
        RangeCase{"bytes=0-1,3-4", 1000, D, Want::Whole}, RangeCase{"bytes=0-1,3-4", 1000, S, Want::Invalid},
        RangeCase{"bytes=0-1,", 1000, D, Want::Whole},
        // Zero-length object.
        RangeCase{"bytes=0-", 0, D, Want::Invalid}, RangeCase{"bytes=0-0", 0, D, Want::Invalid},
        RangeCase{"bytes=0-0", 0, S, Want::Invalid}, RangeCase{"bytes=-1", 0, D, Want::Whole},
        RangeCase{"bytes=-1", 0, S, Want::Whole}, RangeCase{"bytes=-0", 0, S, Want::Whole},
        RangeCase{"bytes=1-0", 0, D, Want::Whole},
        // One-byte object.
        RangeCase{"bytes=0-0", 1, D, Want::Range, 0, 0}, RangeCase{"bytes=-5", 1, S, Want::Range, 0, 0},
        RangeCase{"bytes=1-", 1, D, Want::Invalid}));

}  // namespace
}  // namespace ossd
