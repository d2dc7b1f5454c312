#include "oss/range.hpp"

#include "common/encoding.hpp"

#include <charconv>

namespace ossd {
namespace {

// A byte-range-spec as written, before the object size is applied.
struct RangeSpec {
  std::optional<uint64_t> first;  // absent: suffix form "-n"
  std::optional<uint64_t> last;   // absent: "a-" or the suffix length is in `suffix`
  uint64_t suffix = 0;
};

std::optional<uint64_t> parse_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  // from_chars also refuses overflow (ec == result_out_of_range), which we treat as garbage.
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "a-b", "a-" or "-n"; nullopt when the text is not one of those.
std::optional<RangeSpec> parse_spec(std::string_view spec) {
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view left = spec.substr(0, dash), right = spec.substr(dash + 1);
  RangeSpec out;
  if (left.empty()) {
    auto n = parse_number(right);
    if (!n) return std::nullopt;
    out.suffix = *n;
    return out;
  }
  out.first = parse_number(left);
  if (!out.first) return std::nullopt;
  if (!right.empty()) {
    out.last = parse_number(right);
    if (!out.last || *out.last < *out.first) return std::nullopt;
  }
  return out;
}

Result<std::optional<ByteRange>> apply_suffix(uint64_t n, uint64_t size, bool standard) {
  // A zero-length object has no last-n bytes to send; like RFC 9110 allows, serve it whole.
  if (size == 0) return std::optional<ByteRange>();
  if (n == 0) {
    if (standard) return Error(ErrorCode::InvalidRange);
    return std::optional<ByteRange>();
  }
  if (n > size) {
    // Default OSS ignores a suffix longer than the object (200, whole body); the standard
    // behaviour serves the whole object as a 206 range, as RFC 9110 does.
    if (!standard) return std::optional<ByteRange>();
    return std::optional<ByteRange>(ByteRange{0, size - 1});
  }
  return std::optional<ByteRange>(ByteRange{size - n, size - 1});
}

}  // namespace

Result<std::optional<ByteRange>> parse_range(std::string_view header, uint64_t object_size,
                                             bool standard_behavior) {
  std::string_view text = trim(header);
  constexpr std::string_view kUnit = "bytes=";
  // Another range unit (or a typo such as "byte=") is not a byte range at all: ignored.
  if (text.size() < kUnit.size() || !iequals(text.substr(0, kUnit.size()), kUnit)) {
    return std::optional<ByteRange>();
  }
  std::string_view spec_text = text.substr(kUnit.size());
  // OSS serves single ranges only; a multi-range is ignored, or refused under "standard".
  bool multi = spec_text.find(',') != std::string_view::npos;
  auto spec = multi ? std::nullopt : parse_spec(spec_text);
  if (!spec) {
    if (standard_behavior) return Error(ErrorCode::InvalidRange);
    return std::optional<ByteRange>();
  }
  if (!spec->first) return apply_suffix(spec->suffix, object_size, standard_behavior);
  if (*spec->first >= object_size) return Error(ErrorCode::InvalidRange);
  uint64_t last = object_size - 1;
  if (spec->last && *spec->last < last) last = *spec->last;
  return std::optional<ByteRange>(ByteRange{*spec->first, last});
}

}  // namespace ossd
