// Every XML document ossd reads from a request body (oss/xml/): the DeleteMultipleObjects
// request, the bucket CORS configuration and PutBucket's CreateBucketConfiguration. Each input
// goes to all three parsers, as any of the three bodies can carry any bytes. A CORS document
// that parses must render (GetBucketCors) and parse back to the same rules, and is matched
// against a preflight as OPTIONS does.
#include "oss/cors.hpp"
#include "oss/xml/bucket_xml.hpp"
#include "oss/xml/cors_xml.hpp"
#include "oss/xml/object_xml.hpp"

#include <cstdlib>
#include <string_view>

namespace {

bool same_rules(const ossd::CorsConfiguration& a, const ossd::CorsConfiguration& b) {
  if (a.rules.size() != b.rules.size() || a.response_vary != b.response_vary) return false;
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    const auto &x = a.rules[i], &y = b.rules[i];
    if (x.allowed_origins != y.allowed_origins || x.allowed_methods != y.allowed_methods ||
        x.allowed_headers != y.allowed_headers || x.expose_headers != y.expose_headers ||
        x.max_age_seconds != y.max_age_seconds)
      return false;
  }
  return true;
}

void cors(std::string_view body) {
  auto config = ossd::xml::parse_cors_configuration(body);
  if (!config) return;
  auto again = ossd::xml::parse_cors_configuration(ossd::xml::render_cors_configuration(*config));
  if (!again || !same_rules(*config, *again)) std::abort();
  for (const auto& rule : config->rules) {
    std::string_view origin = rule.allowed_origins.front();
    std::string_view headers = rule.allowed_headers.empty() ? "" : std::string_view(rule.allowed_headers.front());
    if (const auto* match = ossd::match_cors_rule(*config, origin, rule.allowed_methods.front(), headers)) {
      (void)ossd::cors_response_headers(*match, origin, config->response_vary);
      (void)ossd::cors_preflight_headers(*match, origin, headers, config->response_vary);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto del = ossd::xml::parse_delete_request(body); del && (del->keys.empty() || del->keys.size() > 1000))
    std::abort();
  (void)ossd::xml::parse_create_bucket_configuration(body);
  cors(body);
  return 0;
}
