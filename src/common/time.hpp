// Time formats OSS uses, all UTC. Times are unix seconds (int64) unless a name says _ms.
// A process-wide clock that tests can freeze (ossd --test-now).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ossd {

// Now in unix milliseconds; honours set_frozen_now_ms (tests only).
int64_t now_ms();
inline int64_t now_s() { return now_ms() / 1000; }
// Freezes now_ms() at `ms` (0 unfreezes). Used by --test-now for replaying recorded requests.
void set_frozen_now_ms(int64_t ms);

std::string format_rfc1123(int64_t unix_s);       // "Tue, 12 Nov 2024 08:32:38 GMT"
std::string format_iso8601_ms(int64_t unix_ms);   // "2024-11-12T08:32:38.000Z"
std::string format_iso8601_basic(int64_t unix_s); // "20241112T083238Z"
std::string format_yyyymmdd(int64_t unix_s);      // "20241112"

std::optional<int64_t> parse_rfc1123(std::string_view s);
std::optional<int64_t> parse_iso8601_basic(std::string_view s);  // YYYYMMDDTHHMMSSZ
std::optional<int64_t> parse_iso8601(std::string_view s);        // 2024-11-12T08:32:38[.000]Z
// HTTP dates as clients send them in If-Modified-Since: RFC 1123 first, then RFC 850 and asctime.
std::optional<int64_t> parse_http_date(std::string_view s);

}  // namespace ossd
