// Parsing of ossctl's argument values: oss:// URIs, durations (--expires), signing times
// (--date) and K:V / K=V pairs. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ossd/error.hpp"

namespace ossd::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the server or the network said no
inline constexpr int kExitUsage = 2;   // the command line is wrong; nothing was sent

struct OssUri {
  std::string bucket;
  std::string key;  // may be empty (bucket level) or end in '/' (a prefix)
};

// "oss://bucket[/key]"; InvalidArgument for anything else (missing scheme, empty bucket).
sdk::Result<OssUri> parse_oss_uri(std::string_view text);
bool is_oss_uri(std::string_view text);

// "3600", "3600s", "90m", "1h", "7d" -> seconds. InvalidArgument for empty, zero, negative,
// unknown units or overflow. Does not apply the V4 limit (see check_v4_expires).
sdk::Result<int64_t> parse_duration(std::string_view text);

// The V4 limit of 604800 s (seven days), with a message naming the value the user gave.
sdk::Result<int64_t> check_v4_expires(int64_t seconds, std::string_view as_given);

// "1048576", "512KiB", "100MiB", "2GiB" (also KB/MB/GB = powers of 1000, K/M/G = KiB/MiB/GiB)
// -> bytes. InvalidArgument for empty, zero, negative, unknown units or overflow.
sdk::Result<int64_t> parse_size(std::string_view text);

// "20241112T083238Z" or "2024-11-12T08:32:38Z" -> unix seconds.
sdk::Result<int64_t> parse_sign_date(std::string_view text);

// "Name:value" (value trimmed) and "name=value" ("name" alone: empty value).
sdk::Result<std::pair<std::string, std::string>> parse_header_arg(std::string_view text);
std::pair<std::string, std::string> parse_query_arg(std::string_view text);

}  // namespace ossd::cli
