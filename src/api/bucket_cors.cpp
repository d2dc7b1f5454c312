// Bucket CORS: PutBucketCors, GetBucketCors, DeleteBucketCors, the OPTIONS preflight
// (OptionObject), and the Access-Control-* headers added to actual responses.
#include "api/call.hpp"
#include "oss/cors.hpp"
#include "oss/xml/cors_xml.hpp"

namespace ossd::api {
namespace {

constexpr std::string_view kCorsConfig = "cors";

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

Prepared handle_put_bucket_cors(Call& call) {
  Prepared p;
  p.handler = buffered_body(call, [call](std::string body) {
    auto config = xml::parse_cors_configuration(body);
    if (!config) return error_response(call, config.error());
    // Stored in its canonical rendering, so GetBucketCors answers OSS's shape.
    if (call.ctx.meta.put_bucket_config(call.route.bucket, std::string(kCorsConfig),
                                        xml::render_cors_configuration(*config)) != storage::Status::Ok)
      return error_response(call, ErrorCode::NoSuchBucket);
    return Response{};
  });
  return p;
}

Prepared handle_get_bucket_cors(Call& call) {
  auto stored = call.ctx.meta.get_bucket_config(call.route.bucket, std::string(kCorsConfig));
  if (!stored) return fail(call, ErrorCode::NoSuchCORSConfiguration);
  return answer(xml_response(*stored));
}

Prepared handle_delete_bucket_cors(Call& call) {
  Prepared p;
  p.handler = buffered_body(call, [call](std::string) {
    if (call.ctx.meta.put_bucket_config(call.route.bucket, std::string(kCorsConfig), "") != storage::Status::Ok)
      return error_response(call, ErrorCode::NoSuchBucket);
    return no_content();
  });
  return p;
}

std::optional<CorsConfiguration> load_cors(storage::MetaStore& meta, const std::string& bucket) {
  auto stored = meta.get_bucket_config(bucket, std::string(kCorsConfig));
  if (!stored) return std::nullopt;
  auto parsed = xml::parse_cors_configuration(*stored);
  if (!parsed) return std::nullopt;
  return std::move(*parsed);
}

// The preflight needs no signature: browsers never sign OPTIONS.
Prepared handle_option_object(Call& call) {
  auto origin = call.headers().find("Origin");
  auto method = call.headers().find("Access-Control-Request-Method");
  if (!origin || !method)
    return fail(call, Error(ErrorCode::CorsNotAllowed, "CORSResponse: Insufficient information. Origin request header needed."));
  if (!call.ctx.meta.get_bucket(call.route.bucket)) return fail(call, ErrorCode::NoSuchBucket);
  auto config = load_cors(call.ctx.meta, call.route.bucket);
  if (!config) return fail(call, ErrorCode::CorsNotEnabled);
  std::string_view requested = call.headers().get("Access-Control-Request-Headers");
  const CorsRule* rule = match_cors_rule(*config, *origin, *method, requested);
  if (!rule) return fail(call, ErrorCode::CorsNotAllowed);
  Response r;
  for (const auto& [name, value] : cors_preflight_headers(*rule, *origin, requested, config->response_vary))
    r.headers.set(name, value);
  return answer(std::move(r));
}

Headers cors_headers_for(storage::MetaStore& meta, const Request& req, const std::string& bucket) {
  auto origin = req.headers.find("Origin");
  if (!origin || bucket.empty()) return {};
  auto config = load_cors(meta, bucket);
  if (!config) return {};
  const CorsRule* rule = match_cors_rule(*config, *origin, req.method, "");
  return rule ? cors_response_headers(*rule, *origin, config->response_vary) : Headers{};
}

}  // namespace ossd::api
