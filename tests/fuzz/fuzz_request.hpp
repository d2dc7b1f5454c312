// Harness helpers shared by the fuzz targets (not part of ossd).
//
// Most seed corpora hold real requests written as their HTTP/1.1 head: a request line
// ("GET /key?query HTTP/1.1"), "Name: value" lines, a blank line, then an optional body. That
// keeps every seed and every crash input readable as the request it is. The split below is the
// harness's own and deliberately lax (the real HTTP parser is fuzzed by http_session_fuzz): it
// only cuts the bytes into the fields the parsers under test take, as http/ hands them to api/.
#pragma once

#include "auth/verifier.hpp"
#include "common/headers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace ossd::fuzz {

// OSSD_FUZZ_VERBOSE=1: targets print what each input came to (for checking that seeds get as
// far as they should, e.g. that a signed seed verifies). Off while fuzzing.
inline bool verbose() {
  static const bool on = std::getenv("OSSD_FUZZ_VERBOSE") != nullptr;
  return on;
}

struct TextRequest {
  std::string method, path, query;  // path and query raw, as on the wire
  Headers headers;
  std::string body;
};

inline std::string_view next_line(std::string_view& in) {
  auto nl = in.find('\n');
  std::string_view line = in.substr(0, nl);
  in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

inline TextRequest parse_text_request(std::string_view in) {
  TextRequest r;
  std::string_view line = next_line(in);
  auto sp = line.find(' ');
  r.method = std::string(line.substr(0, sp));
  std::string_view target = sp == std::string_view::npos ? std::string_view{} : line.substr(sp + 1);
  target = target.substr(0, target.find(' '));
  auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  while (!in.empty()) {
    line = next_line(in);
    if (line.empty()) break;
    auto colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers.add(std::string(line.substr(0, colon)), std::string(value));
  }
  r.body = std::string(in);
  return r;
}

inline std::string_view as_view(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The credentials of the signing vectors (docs/spec/auth.md section i): fake keys, a fixed
// clock one second after the vectors' signing time, so real signed requests verify.
inline constexpr std::string_view kAccessKeyId = "LTAI5tOssdVectorKeyId01";
inline constexpr std::string_view kStsAccessKeyId = "STS.NUgYrLnoC37mZZCNnAbez****";
inline constexpr std::string_view kSecret = "OssdVectorSecret0123456789abcdefGHIJ";
inline constexpr std::string_view kStsToken = "CAISOssdFakeStsToken+/abc=def==";
inline constexpr int64_t kNowS = 1731400359;  // 2024-11-12T08:32:39Z
inline constexpr std::string_view kRegion = "cn-hangzhou";

inline std::optional<auth::KeyRecord> vector_keys(std::string_view id, std::optional<std::string_view>) {
  if (id == kAccessKeyId) return auth::KeyRecord{std::string(kSecret), "1234567890123456", std::nullopt, 0};
  if (id == kStsAccessKeyId)
    return auth::KeyRecord{std::string(kSecret), "1234567890123456", std::string(kStsToken), kNowS + 3600};
  return std::nullopt;
}

}  // namespace ossd::fuzz
