#include "oss/xml/cors_xml.hpp"

#include "oss/xml/document.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace ossd::xml {
namespace {

constexpr std::size_t kMaxRules = 10;
constexpr std::array<std::string_view, 5> kMethods = {"GET", "PUT", "DELETE", "POST", "HEAD"};

std::vector<std::string> texts(pugi::xml_node parent, const char* name) {
  std::vector<std::string> out;
  for (auto n : parent.children(name)) out.emplace_back(n.text().get());
  return out;
}

bool at_most_one_star(const std::vector<std::string>& items) {
  return std::all_of(items.begin(), items.end(), [](const auto& s) { return std::count(s.begin(), s.end(), '*') <= 1; });
}

Result<CorsRule> parse_rule(pugi::xml_node node) {
  CorsRule rule;
  rule.allowed_origins = texts(node, "AllowedOrigin");
  rule.allowed_methods = texts(node, "AllowedMethod");
  rule.allowed_headers = texts(node, "AllowedHeader");
  rule.expose_headers = texts(node, "ExposeHeader");
  if (rule.allowed_origins.empty() || rule.allowed_methods.empty()) return Error(ErrorCode::MalformedXML);
  for (const auto& m : rule.allowed_methods)
    if (std::find(kMethods.begin(), kMethods.end(), m) == kMethods.end())
      return Error(ErrorCode::InvalidArgument, "Unsupported method is " + m);
  if (!at_most_one_star(rule.allowed_origins) || !at_most_one_star(rule.allowed_headers))
    return Error(ErrorCode::InvalidArgument, "Only one wildcard is allowed in an AllowedOrigin or AllowedHeader.");
  if (auto age = node.child("MaxAgeSeconds")) {
    std::string_view v = age.text().get();
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 0) return Error(ErrorCode::MalformedXML);
    rule.max_age_seconds = n;
  }
  return rule;
}

}  // namespace

Result<CorsConfiguration> parse_cors_configuration(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_body(doc, body)) return Error(ErrorCode::MalformedXML);
  auto root = doc.child("CORSConfiguration");
  if (!root) return Error(ErrorCode::MalformedXML);
  CorsConfiguration config;
  for (auto node : root.children("CORSRule")) {
    auto rule = parse_rule(node);
    if (!rule) return rule.error();
    config.rules.push_back(std::move(*rule));
  }
  if (config.rules.empty()) return Error(ErrorCode::MalformedXML);
  if (config.rules.size() > kMaxRules) return Error(ErrorCode::InvalidArgument, "Too many CORS rules: at most 10.");
  config.response_vary = std::string_view(root.child("ResponseVary").text().get()) == "true";
  return config;
}

std::string render_cors_configuration(const CorsConfiguration& config) {
  pugi::xml_document doc;
  auto root = start_document(doc, "CORSConfiguration");
  for (const auto& rule : config.rules) {
    auto r = root.append_child("CORSRule");
    for (const auto& v : rule.allowed_origins) add_text(r, "AllowedOrigin", v);
    for (const auto& v : rule.allowed_methods) add_text(r, "AllowedMethod", v);
    for (const auto& v : rule.allowed_headers) add_text(r, "AllowedHeader", v);
    for (const auto& v : rule.expose_headers) add_text(r, "ExposeHeader", v);
    if (rule.max_age_seconds) add_text(r, "MaxAgeSeconds", std::to_string(*rule.max_age_seconds));
  }
  add_text(root, "ResponseVary", config.response_vary ? "true" : "false");
  return to_string(doc);
}

}  // namespace ossd::xml
