// If-* evaluation in RFC 7232 order (docs/oss-behaviour.md "Conditional requests").
#include "oss/conditions.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ossd {
namespace {

constexpr std::string_view kEtag = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
constexpr int64_t kModified = 1731400358;  // Tue, 12 Nov 2024 08:32:38 GMT
constexpr const char* kAtModified = "Tue, 12 Nov 2024 08:32:38 GMT";
constexpr const char* kBefore = "Tue, 12 Nov 2024 08:32:37 GMT";
constexpr const char* kAfter = "Tue, 12 Nov 2024 08:32:39 GMT";

enum class Want { Ok, Failed, NotModified };

struct ConditionCase {
  const char* name;
  Conditions c;
  Want want;
};

void PrintTo(const ConditionCase& c, std::ostream* os) { *os << c.name; }

class ConditionsTest : public testing::TestWithParam<ConditionCase> {};

TEST_P(ConditionsTest, Evaluates) {
  const ConditionCase& c = GetParam();
  auto r = evaluate_conditions(c.c, kEtag, kModified);
  switch (c.want) {
    case Want::Ok:
      EXPECT_TRUE(r.has_value()) << r.error().code_string();
      break;
    case Want::Failed:
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().code, ErrorCode::PreconditionFailed);
      EXPECT_EQ(r.error().http_status(), 412);
      break;
    case Want::NotModified:
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().code, ErrorCode::NotModified);
      EXPECT_EQ(r.error().http_status(), 304);
      break;
  }
}

Conditions m(std::string v) { return Conditions{std::move(v), "", "", ""}; }
Conditions nm(std::string v) { return Conditions{"", std::move(v), "", ""}; }
Conditions ms(std::string v) { return Conditions{"", "", std::move(v), ""}; }
Conditions us(std::string v) { return Conditions{"", "", "", std::move(v)}; }

const std::string Q = "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"";  // quoted
const std::string B = "5EB63BBBE01EEED093CB22BB8F5ACDC3";      // bare
const std::string L = "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"";  // lowercase
const std::string O = "\"00000000000000000000000000000000\"";  // other

INSTANTIATE_TEST_SUITE_P(
    Cases, ConditionsTest,
    testing::Values(
        ConditionCase{"none", Conditions{}, Want::Ok},
        // If-Match
        ConditionCase{"match_quoted", m(Q), Want::Ok}, ConditionCase{"match_bare", m(B), Want::Ok},
        ConditionCase{"match_lowercase", m(L), Want::Ok}, ConditionCase{"match_star", m("*"), Want::Ok},
        ConditionCase{"match_other", m(O), Want::Failed},
        ConditionCase{"match_list_hit", m(O + ", " + Q), Want::Ok},
        ConditionCase{"match_list_miss", m(O + "," + O), Want::Failed},
        ConditionCase{"match_weak_is_strong_compared", m("W/" + Q), Want::Failed},
        ConditionCase{"match_spaces", m("  " + Q + "  "), Want::Ok},
        ConditionCase{"match_comma_in_quotes", m("\"a,b\", " + Q), Want::Ok},
        ConditionCase{"match_only_commas", m(" , ,"), Want::Failed},
        // If-None-Match
        ConditionCase{"none_match_same", nm(Q), Want::NotModified},
        ConditionCase{"none_match_bare", nm(B), Want::NotModified},
        ConditionCase{"none_match_weak", nm("W/" + Q), Want::NotModified},
        ConditionCase{"none_match_star", nm("*"), Want::NotModified},
        ConditionCase{"none_match_other", nm(O), Want::Ok},
        ConditionCase{"none_match_list", nm(O + ", W/" + L), Want::NotModified},
        // If-Modified-Since
        ConditionCase{"modified_since_before", ms(kBefore), Want::Ok},
        ConditionCase{"modified_since_equal", ms(kAtModified), Want::NotModified},
        ConditionCase{"modified_since_after", ms(kAfter), Want::NotModified},
        ConditionCase{"modified_since_rfc850", ms("Tuesday, 12-Nov-24 08:32:37 GMT"), Want::Ok},
        ConditionCase{"modified_since_asctime", ms("Tue Nov 12 08:32:38 2024"), Want::NotModified},
        ConditionCase{"modified_since_bad_date", ms("yesterday"), Want::Ok},
        ConditionCase{"modified_since_iso_ignored", ms("2024-11-12T08:32:38Z"), Want::Ok},
        // If-Unmodified-Since
        ConditionCase{"unmodified_since_before", us(kBefore), Want::Failed},
        ConditionCase{"unmodified_since_equal", us(kAtModified), Want::Ok},
        ConditionCase{"unmodified_since_after", us(kAfter), Want::Ok},
        ConditionCase{"unmodified_since_bad_date", us("not a date"), Want::Ok},
        // Combinations: If-Match wins over If-Unmodified-Since, If-None-Match over If-Modified-Since.
        ConditionCase{"match_ok_overrides_unmodified", Conditions{Q, "", "", kBefore}, Want::Ok},
        ConditionCase{"match_fail_with_unmodified_ok", Conditions{O, "", "", kAfter}, Want::Failed},
        ConditionCase{"none_match_miss_overrides_modified", Conditions{"", O, kAfter, ""}, Want::Ok},
        ConditionCase{"none_match_hit_with_modified", Conditions{"", Q, kBefore, ""}, Want::NotModified},
        ConditionCase{"412_before_304", Conditions{O, Q, "", ""}, Want::Failed},
        ConditionCase{"unmodified_412_before_304", Conditions{"", "", kAfter, kBefore}, Want::Failed},
        ConditionCase{"match_ok_then_none_match_hit", Conditions{Q, Q, "", ""}, Want::NotModified},
        ConditionCase{"all_pass", Conditions{Q, O, kBefore, kAfter}, Want::Ok}));

TEST(ReadConditionsTest, PlainHeaders) {
  Headers h;
  h.add("If-Match", "\"a\"");
  h.add("if-none-match", "\"b\"");
  h.add("IF-MODIFIED-SINCE", kBefore);
  h.add("If-Unmodified-Since", kAfter);
  h.add("x-oss-copy-source-if-match", "\"z\"");
  Conditions c = read_conditions(h, false);
  EXPECT_EQ(c.if_match, "\"a\"");
  EXPECT_EQ(c.if_none_match, "\"b\"");
  EXPECT_EQ(c.if_modified_since, kBefore);
  EXPECT_EQ(c.if_unmodified_since, kAfter);
}

TEST(ReadConditionsTest, CopySourceHeaders) {
  Headers h;
  h.add("If-Match", "\"a\"");
  h.add("x-oss-copy-source-if-match", "\"m\"");
  h.add("X-Oss-Copy-Source-If-None-Match", "\"n\"");
  h.add("x-oss-copy-source-if-modified-since", kBefore);
  h.add("x-oss-copy-source-if-unmodified-since", kAfter);
  Conditions c = read_conditions(h, true);
  EXPECT_EQ(c.if_match, "\"m\"");
  EXPECT_EQ(c.if_none_match, "\"n\"");
  EXPECT_EQ(c.if_modified_since, kBefore);
  EXPECT_EQ(c.if_unmodified_since, kAfter);
}

TEST(ReadConditionsTest, AbsentHeadersAreEmpty) {
  Conditions c = read_conditions(Headers{}, false);
  EXPECT_TRUE(c.if_match.empty());
  EXPECT_TRUE(c.if_none_match.empty());
  EXPECT_TRUE(c.if_modified_since.empty());
  EXPECT_TRUE(c.if_unmodified_since.empty());
  EXPECT_TRUE(evaluate_conditions(c, kEtag, kModified).has_value());
}

}  // namespace
}  // namespace ossd
