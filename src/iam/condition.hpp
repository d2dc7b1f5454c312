// The Condition element of the RAM policy language: { Operator: { Key: value | [values] } }.
// Literals are parsed once at policy-parse time (a bad IP, date or number is a parse error, never
// a silently false condition later); request values are parsed at evaluation time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

#include "oss/errors.hpp"

namespace ossd::iam {

// OSS's EC for "The policy is invalid." (PutBucketPolicy); every policy parse error carries it
// except a wrong Version (0030-00000002) and an oversized bucket policy (0030-00000001).
inline constexpr std::string_view kInvalidPolicyEc = "0030-00000005";

enum class ConditionOp {
  StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
  StringLike, StringNotLike,
  NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals,
  NumericGreaterThan, NumericGreaterThanEquals,
  DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan,
  DateGreaterThanEquals,
  Bool,
  IpAddress, NotIpAddress,
};

// An address block: IPv4 is kept as an IPv4-mapped IPv6 address (::ffff:a.b.c.d, prefix + 96)
// so one comparison serves both families.
struct IpBlock {
  std::array<uint8_t, 16> addr{};
  int prefix = 128;
};

// One value of a condition, already in the operator's type.
struct ConditionValue {
  std::string text;     // String* (as written); Bool ("true"/"false", lower case)
  double number = 0;    // Numeric*
  int64_t time_ms = 0;  // Date*
  IpBlock ip;           // IpAddress / NotIpAddress
};

struct Condition {
  ConditionOp op;
  std::string key;  // as written; matched case-insensitively
  std::vector<ConditionValue> values;  // ORed (NOR for the negated operators)
};

// Parses a whole Condition element; `where` names the statement for messages, e.g. "Statement[2]".
// Every (operator, key) pair becomes one Condition; they are ANDed.
Result<std::vector<Condition>> parse_conditions(const boost::json::value& v, std::string_view where);

// Whether one condition holds for the request's keys (names case-insensitive; absent = not there).
// A key that is absent, or present but not parseable as the operator's type (e.g. a SourceIp that
// is not an address), makes a positive operator false and a negated one true (AWS's documented
// rule; RAM's docs do not say, see docs/iam.md).
bool condition_holds(const Condition& c,
                     const std::vector<std::pair<std::string, std::string>>& context);

// Literal parsers, exposed for tests and for callers that build contexts.
bool parse_ip_block(std::string_view s, IpBlock& out);  // "1.2.3.4", "10.0.0.0/8", "2001:db8::/32"
// ISO 8601 with a zone: 2024-11-12T08:32:38Z, ...38.123Z, ...38+08:00, or a date 2024-11-12 (UTC).
bool parse_iso8601_ms(std::string_view s, int64_t& out_ms);

}  // namespace ossd::iam
