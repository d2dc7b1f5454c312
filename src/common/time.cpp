#include "common/time.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace ossd {
namespace {

// 0 means "not frozen": tests and --test-now replay set it; everything else reads the wall clock.
std::atomic<int64_t> g_frozen_now_ms{0};

constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm to_tm(int64_t unix_s) {
  std::tm tm{};
  auto t = static_cast<std::time_t>(unix_s);
  gmtime_r(&t, &tm);
  return tm;
}

// Reads exactly `n` digits at `pos`; nullopt on anything else.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<int> month_index(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) return static_cast<int>(i);
  }
  return std::nullopt;
}

// Builds a unix time from calendar fields, refusing values timegm would silently normalise.
std::optional<int64_t> make_time(int year, int mon0, int day, int h, int m, int s) {
  if (mon0 < 0 || mon0 > 11 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon0;
  tm.tm_mday = day;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = s;
  std::time_t t = timegm(&tm);
  if (tm.tm_mday != day || tm.tm_mon != mon0) return std::nullopt;  // e.g. 31 Feb
  return static_cast<int64_t>(t);
}

// "HH:MM:SS" at pos.
bool parse_hms(std::string_view s, std::size_t pos, int& h, int& m, int& sec) {
  auto hh = digits(s, pos, 2), mm = digits(s, pos + 3, 2), ss = digits(s, pos + 6, 2);
  if (!hh || !mm || !ss || s[pos + 2] != ':' || s[pos + 5] != ':') return false;
  h = *hh;
  m = *mm;
  sec = *ss;
  return true;
}

// "Sun Nov  6 08:49:37 1994"
std::optional<int64_t> parse_asctime(std::string_view s) {
  if (s.size() != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ')
    return std::nullopt;
  auto mon = month_index(s.substr(4, 3));
  std::string day_text(s.substr(8, 2));
  if (day_text[0] == ' ') day_text[0] = '0';
  auto day = digits(day_text, 0, 2);
  auto year = digits(s, 20, 4);
  int h = 0, m = 0, sec = 0;
  if (!mon || !day || !year || !parse_hms(s, 11, h, m, sec)) return std::nullopt;
  return make_time(*year, *mon, *day, h, m, sec);
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<int64_t> parse_rfc850(std::string_view s) {
  auto comma = s.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view rest = s.substr(comma + 2);
  if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ' ||
      rest.substr(18) != " GMT") {
    return std::nullopt;
  }
  auto day = digits(rest, 0, 2);
  auto mon = month_index(rest.substr(3, 3));
  auto yy = digits(rest, 7, 2);
  int h = 0, m = 0, sec = 0;
  if (!day || !mon || !yy || !parse_hms(rest, 10, h, m, sec)) return std::nullopt;
  int year = *yy < 70 ? 2000 + *yy
                      : 1900 + *yy;  // RFC 7231 7.1.1.1: interpret as the nearest past century
  return make_time(year, *mon, *day, h, m, sec);
}

}  // namespace

int64_t now_ms() {
  int64_t frozen = g_frozen_now_ms.load(std::memory_order_relaxed);
  if (frozen != 0) return frozen;
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void set_frozen_now_ms(int64_t ms) { g_frozen_now_ms.store(ms, std::memory_order_relaxed); }

std::string format_rfc1123(int64_t unix_s) {
  std::tm tm = to_tm(unix_s);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::string format_iso8601_ms(int64_t unix_ms) {
  int64_t secs = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  std::tm tm = to_tm(secs);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms - secs * 1000));
  return buf;
}

std::string format_iso8601_basic(int64_t unix_s) {
  std::tm tm = to_tm(unix_s);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string format_yyyymmdd(int64_t unix_s) { return format_iso8601_basic(unix_s).substr(0, 8); }

std::optional<int64_t> parse_rfc1123(std::string_view s) {
  // "Tue, 12 Nov 2024 08:32:38 GMT"
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s.substr(25) != " GMT") {
    return std::nullopt;
  }
  auto day = digits(s, 5, 2);
  auto mon = month_index(s.substr(8, 3));
  auto year = digits(s, 12, 4);
  int h = 0, m = 0, sec = 0;
  if (!day || !mon || !year || !parse_hms(s, 17, h, m, sec)) return std::nullopt;
  return make_time(*year, *mon, *day, h, m, sec);
}

std::optional<int64_t> parse_iso8601_basic(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  auto y = digits(s, 0, 4), mo = digits(s, 4, 2), d = digits(s, 6, 2);
  auto h = digits(s, 9, 2), mi = digits(s, 11, 2), se = digits(s, 13, 2);
  if (!y || !mo || !d || !h || !mi || !se) return std::nullopt;
  return make_time(*y, *mo - 1, *d, *h, *mi, *se);
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
  // 2024-11-12T08:32:38Z or 2024-11-12T08:32:38.000Z (fraction of any length, truncated)
  if (s.size() < 20 || s.back() != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T')
    return std::nullopt;
  auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  int h = 0, m = 0, sec = 0;
  if (!y || !mo || !d || !parse_hms(s, 11, h, m, sec)) return std::nullopt;
  std::string_view frac = s.substr(19, s.size() - 20);
  if (!frac.empty()) {
    if (frac[0] != '.' || frac.size() < 2) return std::nullopt;
    for (char c : frac.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
    }
  }
  return make_time(*y, *mo - 1, *d, h, m, sec);
}

std::optional<int64_t> parse_http_date(std::string_view s) {
  if (auto t = parse_rfc1123(s)) return t;
  if (auto t = parse_rfc850(s)) return t;
  return parse_asctime(s);
}

}  // namespace ossd
