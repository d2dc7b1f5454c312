// CORS rule matching and the CORSConfiguration document.
#include "oss/cors.hpp"
#include "oss/xml/cors_xml.hpp"

#include <gtest/gtest.h>

namespace ossd {
namespace {

struct PatternCase {
  const char* pattern;
  const char* value;
  bool matches;
};

const PatternCase kPatterns[] = {
    {"*", "http://a.example", true},
    {"http://*.example.com", "http://www.example.com", true},
    {"http://*.example.com", "http://example.com", false},
    {"http://*.example.com", "https://www.example.com", false},
    {"https://app.example", "https://APP.example", true},
    {"https://app.example", "https://app.example:8443", false},
    {"x-oss-*", "X-OSS-META-A", true},
    {"content-type", "Content-Type", true},
    {"a*b", "ab", true},
    {"a*b", "a", false},
};

TEST(Cors, PatternMatching) {
  for (const auto& c : kPatterns)
    EXPECT_EQ(cors_pattern_matches(c.pattern, c.value), c.matches) << c.pattern << " vs " << c.value;
}

CorsConfiguration two_rules() {
  CorsConfiguration cfg;
  cfg.rules.push_back({{"http://app.example"}, {"GET"}, {}, {"ETag"}, 60});
  cfg.rules.push_back({{"*"}, {"PUT", "GET"}, {"content-type", "x-oss-*"}, {"x-oss-request-id"}, std::nullopt});
  return cfg;
}

TEST(Cors, FirstMatchingRuleWins) {
  auto cfg = two_rules();
  EXPECT_EQ(match_cors_rule(cfg, "http://app.example", "GET", ""), &cfg.rules[0]);
  EXPECT_EQ(match_cors_rule(cfg, "http://app.example", "PUT", "content-type"), &cfg.rules[1]);
  // rule 0 allows no headers, so a GET asking for one falls through to rule 1
  EXPECT_EQ(match_cors_rule(cfg, "http://app.example", "GET", "content-type"), &cfg.rules[1]);
  EXPECT_EQ(match_cors_rule(cfg, "http://other", "PUT", "Content-Type, x-oss-meta-a"), &cfg.rules[1]);
  EXPECT_EQ(match_cors_rule(cfg, "http://other", "PUT", "authorization"), nullptr);
  EXPECT_EQ(match_cors_rule(cfg, "http://other", "DELETE", ""), nullptr);
}

TEST(Cors, PreflightHeaders) {
  auto cfg = two_rules();
  Headers h = cors_preflight_headers(cfg.rules[0], "http://app.example", " content-type ", true);
  EXPECT_EQ(h.get("Access-Control-Allow-Origin"), "http://app.example");
  EXPECT_EQ(h.get("Access-Control-Allow-Methods"), "GET");
  EXPECT_EQ(h.get("Access-Control-Allow-Headers"), "content-type");
  EXPECT_EQ(h.get("Access-Control-Expose-Headers"), "ETag");
  EXPECT_EQ(h.get("Access-Control-Max-Age"), "60");
  EXPECT_EQ(h.get("Vary"), "Origin");
}

TEST(CorsXml, RoundTrip) {
  auto cfg = two_rules();
  cfg.response_vary = true;
  auto parsed = xml::parse_cors_configuration(xml::render_cors_configuration(cfg));
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->rules.size(), 2u);
  EXPECT_EQ(parsed->rules[1].allowed_methods, (std::vector<std::string>{"PUT", "GET"}));
  EXPECT_EQ(parsed->rules[1].allowed_headers, (std::vector<std::string>{"content-type", "x-oss-*"}));
  EXPECT_EQ(parsed->rules[0].max_age_seconds, 60);
  EXPECT_FALSE(parsed->rules[1].max_age_seconds.has_value());
  EXPECT_TRUE(parsed->response_vary);
}

TEST(CorsXml, Rejects) {
  EXPECT_EQ(xml::parse_cors_configuration("<CORSConfiguration>").error().code, ErrorCode::MalformedXML);
  EXPECT_EQ(xml::parse_cors_configuration("<CORSConfiguration/>").error().code, ErrorCode::MalformedXML);
  EXPECT_EQ(xml::parse_cors_configuration("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")
                .error().code, ErrorCode::MalformedXML);
  EXPECT_EQ(xml::parse_cors_configuration("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>")
                .error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(xml::parse_cors_configuration("<CORSConfiguration><CORSRule><AllowedOrigin>*a*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")
                .error().code, ErrorCode::InvalidArgument);
  std::string eleven = "<CORSConfiguration>";
  for (int i = 0; i < 11; ++i) eleven += "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
  eleven += "</CORSConfiguration>";
  EXPECT_EQ(xml::parse_cors_configuration(eleven).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(xml::parse_cors_configuration("<!DOCTYPE CORSConfiguration [<!ENTITY o \"*\">]><CORSConfiguration><CORSRule>"
                                          "<AllowedOrigin>&o;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"
                                          "</CORSConfiguration>")
                .error().code, ErrorCode::MalformedXML);
}

}  // namespace
}  // namespace ossd
