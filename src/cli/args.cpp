#include "args.hpp"

#include <charconv>
#include <limits>

#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::cli {
namespace {

constexpr std::string_view kScheme = "oss://";

sdk::Error invalid(std::string message) {
  return sdk::local_error(sdk::Error::kInvalidArgument, std::move(message));
}

}  // namespace

bool is_oss_uri(std::string_view text) { return text.starts_with(kScheme); }

sdk::Result<OssUri> parse_oss_uri(std::string_view text) {
  if (!is_oss_uri(text)) return invalid("not an oss:// URI: " + std::string(text));
  std::string_view rest = text.substr(kScheme.size());
  const auto slash = rest.find('/');
  OssUri uri{std::string(rest.substr(0, slash)), ""};
  if (slash != std::string_view::npos) uri.key = std::string(rest.substr(slash + 1));
  if (uri.bucket.empty()) return invalid("no bucket in " + std::string(text));
  return uri;
}

sdk::Result<int64_t> parse_duration(std::string_view text) {
  const std::string given(text);
  int64_t unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      default: unit = 0;
    }
    if (unit != 0) text.remove_suffix(1);
    else unit = 1;
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return invalid("bad duration '" + given + "': use seconds (3600, 3600s) or 90m, 1h, 7d");
  }
  if (n <= 0) return invalid("duration '" + given + "' must be positive");
  if (n > std::numeric_limits<int64_t>::max() / unit) {
    return invalid("duration '" + given + "' is too large");
  }
  return n * unit;
}

sdk::Result<int64_t> parse_size(std::string_view text) {
  const std::string given(text);
  struct Unit {
    std::string_view suffix;
    int64_t bytes;
  };
  // Longest suffixes first so "MiB" is not read as "B".
  static constexpr Unit kUnits[] = {
      {"KiB", int64_t{1} << 10}, {"MiB", int64_t{1} << 20}, {"GiB", int64_t{1} << 30},
      {"TiB", int64_t{1} << 40}, {"KB", 1000},           {"MB", 1000000},
      {"GB", 1000000000},        {"TB", 1000000000000},  {"K", int64_t{1} << 10},
      {"M", int64_t{1} << 20},   {"G", int64_t{1} << 30}, {"T", int64_t{1} << 40},
      {"B", 1}};
  int64_t unit = 1;
  for (const auto& u : kUnits) {
    if (text.ends_with(u.suffix)) {
      unit = u.bytes;
      text.remove_suffix(u.suffix.size());
      break;
    }
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return invalid("bad size '" + given + "': use bytes (1048576) or e.g. 512KiB, 100MiB, 2GiB");
  }
  if (n <= 0) return invalid("size '" + given + "' must be positive");
  if (n > std::numeric_limits<int64_t>::max() / unit) return invalid("size '" + given + "' is too large");
  return n * unit;
}

sdk::Result<int64_t> check_v4_expires(int64_t seconds, std::string_view as_given) {
  if (seconds > 604800) {
    return invalid("--expires " + std::string(as_given) + " is " + std::to_string(seconds) +
                   " s; V4 presigned URLs are valid for at most 7 days (604800 s)");
  }
  return seconds;
}

sdk::Result<int64_t> parse_sign_date(std::string_view text) {
  if (auto t = parse_iso8601_basic(text)) return *t;
  if (auto t = parse_iso8601(text)) return *t;
  return invalid("bad --date '" + std::string(text) +
                 "': use 20241112T083238Z or 2024-11-12T08:32:38Z (UTC)");
}

sdk::Result<std::pair<std::string, std::string>> parse_header_arg(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || trim(text.substr(0, colon)).empty()) {
    return invalid("bad --header '" + std::string(text) + "': use Name:value");
  }
  return std::pair{std::string(trim(text.substr(0, colon))),
                   std::string(trim(text.substr(colon + 1)))};
}

std::pair<std::string, std::string> parse_query_arg(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) return {std::string(text), ""};
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

}  // namespace ossd::cli
