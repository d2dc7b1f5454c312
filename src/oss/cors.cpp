#include "oss/cors.hpp"

#include "common/encoding.hpp"

#include <algorithm>

namespace ossd {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool any_matches(const std::vector<std::string>& patterns, std::string_view value) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const auto& p) { return cors_pattern_matches(p, value); });
}

}  // namespace

bool cors_pattern_matches(std::string_view pattern, std::string_view value) {
  auto star = pattern.find('*');
  if (star == std::string_view::npos) return iequals(pattern, value);
  std::string_view head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  return value.size() >= head.size() + tail.size() && iequals(value.substr(0, head.size()), head) &&
         iequals(value.substr(value.size() - tail.size()), tail);
}

const CorsRule* match_cors_rule(const CorsConfiguration& config, std::string_view origin, std::string_view method,
                                std::string_view request_headers) {
  for (const auto& rule : config.rules) {
    if (!any_matches(rule.allowed_origins, origin)) continue;
    if (std::find(rule.allowed_methods.begin(), rule.allowed_methods.end(), method) == rule.allowed_methods.end()) continue;
    bool headers_ok = true;
    std::string_view rest = request_headers;
    while (headers_ok && !rest.empty()) {
      auto comma = rest.find(',');
      std::string_view h = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (!h.empty() && !any_matches(rule.allowed_headers, h)) headers_ok = false;
    }
    if (headers_ok) return &rule;
  }
  return nullptr;
}

Headers cors_response_headers(const CorsRule& rule, std::string_view origin, bool vary) {
  Headers h;
  h.set("Access-Control-Allow-Origin", std::string(origin));
  h.set("Access-Control-Allow-Methods", join(rule.allowed_methods));
  if (!rule.expose_headers.empty()) h.set("Access-Control-Expose-Headers", join(rule.expose_headers));
  if (rule.max_age_seconds) h.set("Access-Control-Max-Age", std::to_string(*rule.max_age_seconds));
  h.set("Access-Control-Allow-Credentials", "true");
  if (vary) h.set("Vary", "Origin");
  return h;
}

Headers cors_preflight_headers(const CorsRule& rule, std::string_view origin, std::string_view request_headers,
                               bool vary) {
  Headers h = cors_response_headers(rule, origin, vary);
  if (!trim(request_headers).empty()) h.set("Access-Control-Allow-Headers", std::string(trim(request_headers)));
  return h;
}

}  // namespace ossd
