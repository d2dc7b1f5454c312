// GetWebAsset: the upload page of `ossctl share upload` (src/web/, compiled in). Served without
// authentication at /_ossd/<name> on service-level hosts only: "_" cannot occur in a bucket
// name, so the path shadows no bucket. The page holds no secret; the signed policy it uses
// travels in the link's fragment, which browsers never send.
#include "api/call.hpp"
#include "web/assets.hpp"

namespace ossd::api {
namespace {

// Self only: no inline script or style, no external resource, not framable. connect-src
// 'self' is all the uploads need (same-origin PostObject).
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// "/_ossd/upload" is the page; its script and style sheet are named by file.
std::string_view asset_name(std::string_view key) { return key == "upload" ? "upload.html" : key; }

}  // namespace

Prepared handle_get_web_asset(Call& call) {
  const web::Asset* asset = web::find_asset(asset_name(call.route.key));
  if (asset == nullptr) return fail(call, Error(ErrorCode::NoSuchKey));
  Response r;
  r.headers.set("Content-Type", std::string(asset->content_type));
  // The page is small and changes with the binary: never serve a stale copy.
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Referrer-Policy", "no-referrer");
  r.body = std::string(asset->body);
  r.omit_body = call.is_head();
  return answer(std::move(r));
}

}  // namespace ossd::api
