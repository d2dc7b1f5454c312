#include "iam/condition.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "iam/match.hpp"

namespace ossd::iam {
namespace {

enum class Family { String, Numeric, Date, Bool, Ip };

struct OpInfo {
  std::string_view name;  // exactly as RAM spells it (operators are case-sensitive in RAM docs)
  ConditionOp op;
  Family family;
};

constexpr OpInfo kOps[] = {
    {"StringEquals", ConditionOp::StringEquals, Family::String},
    {"StringNotEquals", ConditionOp::StringNotEquals, Family::String},
    {"StringEqualsIgnoreCase", ConditionOp::StringEqualsIgnoreCase, Family::String},
    {"StringNotEqualsIgnoreCase", ConditionOp::StringNotEqualsIgnoreCase, Family::String},
    {"StringLike", ConditionOp::StringLike, Family::String},
    {"StringNotLike", ConditionOp::StringNotLike, Family::String},
    {"NumericEquals", ConditionOp::NumericEquals, Family::Numeric},
    {"NumericNotEquals", ConditionOp::NumericNotEquals, Family::Numeric},
    {"NumericLessThan", ConditionOp::NumericLessThan, Family::Numeric},
    {"NumericLessThanEquals", ConditionOp::NumericLessThanEquals, Family::Numeric},
    {"NumericGreaterThan", ConditionOp::NumericGreaterThan, Family::Numeric},
    {"NumericGreaterThanEquals", ConditionOp::NumericGreaterThanEquals, Family::Numeric},
    {"DateEquals", ConditionOp::DateEquals, Family::Date},
    {"DateNotEquals", ConditionOp::DateNotEquals, Family::Date},
    {"DateLessThan", ConditionOp::DateLessThan, Family::Date},
    {"DateLessThanEquals", ConditionOp::DateLessThanEquals, Family::Date},
    {"DateGreaterThan", ConditionOp::DateGreaterThan, Family::Date},
    {"DateGreaterThanEquals", ConditionOp::DateGreaterThanEquals, Family::Date},
    {"Bool", ConditionOp::Bool, Family::Bool},
    {"IpAddress", ConditionOp::IpAddress, Family::Ip},
    {"NotIpAddress", ConditionOp::NotIpAddress, Family::Ip},
};

const OpInfo* find_op(std::string_view name) {
  for (const auto& o : kOps) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

const OpInfo& info(ConditionOp op) {
  for (const auto& o : kOps) {
    if (o.op == op) return o;
  }
  return kOps[0];  // unreachable: every enumerator has a row
}

// The "Not" operators: true when the key is absent or no value matches (NOR over values).
bool negated(ConditionOp op) {
  switch (op) {
    case ConditionOp::StringNotEquals:
    case ConditionOp::StringNotEqualsIgnoreCase:
    case ConditionOp::StringNotLike:
    case ConditionOp::NumericNotEquals:
    case ConditionOp::DateNotEquals:
    case ConditionOp::NotIpAddress:
      return true;
    default:
      return false;
  }
}

Error invalid(std::string message) {
  Error e(ErrorCode::InvalidPolicyDocument, std::move(message));
  e.ec = std::string(kInvalidPolicyEc);
  return e;
}

std::optional<double> parse_number(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(d)) {
    return std::nullopt;
  }
  return d;
}

std::optional<std::string> parse_bool(std::string_view s) {
  if (iequals(s, "true")) return std::string("true");
  if (iequals(s, "false")) return std::string("false");
  return std::nullopt;
}

// A JSON scalar as policy text: RAM documents string values, but numbers and booleans written
// bare ({"NumericLessThan": {"k": 10}}, {"Bool": {"acs:SecureTransport": true}}) mean the same.
std::optional<std::string> scalar_text(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_bool()) return std::string(v.get_bool() ? "true" : "false");
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) return boost::json::serialize(v);
  return std::nullopt;
}

// `text` in the operator's type; nullopt when it does not parse. A request carries one address,
// a policy literal may also be a CIDR block (`allow_block`).
std::optional<ConditionValue> typed_value(Family family, const std::string& text, bool allow_block) {
  ConditionValue v;
  v.text = text;
  switch (family) {
    case Family::String: return v;
    case Family::Numeric:
      if (auto n = parse_number(text)) { v.number = *n; return v; }
      return std::nullopt;
    case Family::Date:
      if (parse_iso8601_ms(text, v.time_ms)) return v;
      return std::nullopt;
    case Family::Bool:
      if (auto b = parse_bool(text)) { v.text = *b; return v; }
      return std::nullopt;
    case Family::Ip:
      if ((allow_block || text.find('/') == std::string::npos) && parse_ip_block(text, v.ip)) return v;
      return std::nullopt;
  }
  return std::nullopt;
}

Result<ConditionValue> parse_literal(Family family, const std::string& text, const std::string& where) {
  if (auto v = typed_value(family, text, true)) return *v;
  const std::string quoted = where + ": \"" + text + "\" ";
  switch (family) {
    case Family::Numeric: return invalid(quoted + "is not a number.");
    case Family::Date: return invalid(quoted + "is not an ISO 8601 time (e.g. 2024-11-12T08:32:38Z).");
    case Family::Bool: return invalid(quoted + "is not true or false.");
    default: return invalid(quoted + "is not an IP address or CIDR block.");
  }
}

Result<Condition> parse_one(const OpInfo& op, std::string_view key, const boost::json::value& v,
                            const std::string& where) {
  Condition c{op.op, std::string(key), {}};
  const std::string here = where + ".Condition." + std::string(op.name) + "." + std::string(key);
  if (key.empty()) return invalid(where + ".Condition." + std::string(op.name) + ": empty condition key.");
  auto add = [&](const boost::json::value& item) -> Result<void> {
    auto text = scalar_text(item);
    if (!text) return invalid(here + ": values must be strings, numbers or booleans.");
    auto value = parse_literal(op.family, *text, here);
    if (!value) return value.error();
    c.values.push_back(std::move(*value));
    return {};
  };
  if (v.is_array()) {
    if (v.get_array().empty()) return invalid(here + ": empty value list.");
    for (const auto& item : v.get_array()) {
      if (auto r = add(item); !r) return r.error();
    }
  } else if (auto r = add(v); !r) {
    return r.error();
  }
  return c;
}

const std::string* find_key(const std::vector<std::pair<std::string, std::string>>& context,
                            std::string_view key) {
  for (const auto& [k, v] : context) {
    if (iequals(k, key)) return &v;
  }
  return nullptr;
}

bool in_block(const IpBlock& block, const IpBlock& addr) {
  int bits = block.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((block.addr[i] & mask) != (addr.addr[i] & mask)) return false;
  }
  return true;
}

// One literal against the request value, for the positive form of the operator.
bool matches(ConditionOp op, const ConditionValue& lit, const ConditionValue& req) {
  switch (op) {
    case ConditionOp::StringEquals:
    case ConditionOp::StringNotEquals:
      return req.text == lit.text;
    case ConditionOp::StringEqualsIgnoreCase:
    case ConditionOp::StringNotEqualsIgnoreCase:
      return iequals(req.text, lit.text);
    case ConditionOp::StringLike:
    case ConditionOp::StringNotLike:
      return wildcard_match(lit.text, req.text, false);
    case ConditionOp::NumericEquals:
    case ConditionOp::NumericNotEquals:
      return req.number == lit.number;
    case ConditionOp::NumericLessThan: return req.number < lit.number;
    case ConditionOp::NumericLessThanEquals: return req.number <= lit.number;
    case ConditionOp::NumericGreaterThan: return req.number > lit.number;
    case ConditionOp::NumericGreaterThanEquals: return req.number >= lit.number;
    case ConditionOp::DateEquals:
    case ConditionOp::DateNotEquals:
      return req.time_ms == lit.time_ms;
    case ConditionOp::DateLessThan: return req.time_ms < lit.time_ms;
    case ConditionOp::DateLessThanEquals: return req.time_ms <= lit.time_ms;
    case ConditionOp::DateGreaterThan: return req.time_ms > lit.time_ms;
    case ConditionOp::DateGreaterThanEquals: return req.time_ms >= lit.time_ms;
    case ConditionOp::Bool: return req.text == lit.text;
    case ConditionOp::IpAddress:
    case ConditionOp::NotIpAddress:
      return in_block(lit.ip, req.ip);
  }
  return false;
}

// Two ASCII digits at `pos`, or -1.
int two_digits(std::string_view s, std::size_t pos) {
  if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return -1;
  return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

}  // namespace

Result<std::vector<Condition>> parse_conditions(const boost::json::value& v, std::string_view where_sv) {
  const std::string where(where_sv);
  if (!v.is_object()) return invalid(where + ".Condition must be an object of operators.");
  std::vector<Condition> out;
  for (const auto& [op_name, block] : v.get_object()) {
    const OpInfo* op = find_op(op_name);
    if (!op) {
      return invalid(where + ".Condition: unknown operator \"" + std::string(op_name) + "\".");
    }
    if (!block.is_object() || block.get_object().empty()) {
      return invalid(where + ".Condition." + std::string(op_name) + " must be a non-empty object of keys.");
    }
    for (const auto& [key, values] : block.get_object()) {
      auto c = parse_one(*op, key, values, where);
      if (!c) return c.error();
      out.push_back(std::move(*c));
    }
  }
  return out;
}

bool condition_holds(const Condition& c, const std::vector<std::pair<std::string, std::string>>& context) {
  const bool neg = negated(c.op);
  const std::string* raw = find_key(context, c.key);
  if (!raw) return neg;
  auto req = typed_value(info(c.op).family, *raw, false);
  if (!req) return neg;
  for (const auto& lit : c.values) {
    if (matches(c.op, lit, *req)) return !neg;
  }
  return neg;
}

bool parse_ip_block(std::string_view s, IpBlock& out) {
  std::string_view addr = s;
  std::optional<int> prefix;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    addr = s.substr(0, slash);
    const std::string_view p = s.substr(slash + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), n);
    if (p.empty() || p.size() > 3 || ec != std::errc() || end != p.data() + p.size()) return false;
    prefix = n;
  }
  const std::string a(addr);
  IpBlock b;
  in_addr v4{};
  if (inet_pton(AF_INET, a.c_str(), &v4) == 1) {
    if (prefix && (*prefix < 0 || *prefix > 32)) return false;
    b.addr[10] = b.addr[11] = 0xff;
    std::memcpy(&b.addr[12], &v4, 4);
    b.prefix = 96 + prefix.value_or(32);
  } else if (inet_pton(AF_INET6, a.c_str(), b.addr.data()) == 1) {
    if (prefix && (*prefix < 0 || *prefix > 128)) return false;
    b.prefix = prefix.value_or(128);
  } else {
    return false;
  }
  out = b;
  return true;
}

bool parse_iso8601_ms(std::string_view s, int64_t& out_ms) {
  // The calendar part is common's parser (it refuses 2023-02-29, 24:00, ...); the fraction and
  // the zone offset, which it does not take, are read here.
  if (s.size() == 10) {  // a bare date: midnight UTC
    auto t = parse_iso8601(std::string(s) + "T00:00:00Z");
    if (!t) return false;
    out_ms = *t * 1000;
    return true;
  }
  if (s.size() < 20) return false;
  auto base = parse_iso8601(std::string(s.substr(0, 19)) + "Z");
  if (!base) return false;
  std::size_t pos = 19;
  int64_t frac_ms = 0;
  if (s[pos] == '.') {
    std::size_t digits = 0;
    int scale = 100;
    for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits) {
      frac_ms += (s[pos] - '0') * scale;
      scale /= 10;
    }
    if (digits == 0) return false;
  }
  int64_t offset_s = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int oh = two_digits(s, pos + 1), om = two_digits(s, pos + 4);
    if (oh < 0 || om < 0 || s[pos + 3] != ':' || oh > 23 || om > 59) return false;
    offset_s = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return false;  // a time without a zone is ambiguous: refuse it
  }
  if (pos != s.size()) return false;
  out_ms = (*base - offset_s) * 1000 + frac_ms;
  return true;
}

}  // namespace ossd::iam
