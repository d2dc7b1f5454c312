// Bucket CORS rules and how a request is matched against them (OSS semantics: the first rule
// whose AllowedOrigin, AllowedMethod and AllowedHeader all match wins; '*' is a wildcard that
// may stand anywhere in an origin or header pattern). Pure functions.
#pragma once

#include "common/headers.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ossd {

struct CorsRule {
  std::vector<std::string> allowed_origins;
  std::vector<std::string> allowed_methods;
  std::vector<std::string> allowed_headers;
  std::vector<std::string> expose_headers;
  std::optional<int> max_age_seconds;
};

struct CorsConfiguration {
  std::vector<CorsRule> rules;
  bool response_vary = false;
};

// Case-insensitive match of `value` against a pattern with at most one '*'.
bool cors_pattern_matches(std::string_view pattern, std::string_view value);

// The first rule that allows `origin`, `method` and every header in the comma-separated
// `request_headers` (Access-Control-Request-Headers), or nullptr.
const CorsRule* match_cors_rule(const CorsConfiguration& config, std::string_view origin, std::string_view method,
                                std::string_view request_headers);

// Access-Control-* headers for a response to an actual (non-preflight) request.
Headers cors_response_headers(const CorsRule& rule, std::string_view origin, bool vary);

// Access-Control-* headers for a successful preflight.
Headers cors_preflight_headers(const CorsRule& rule, std::string_view origin, std::string_view request_headers,
                               bool vary);

}  // namespace ossd
