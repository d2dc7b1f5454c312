// ListObjects (v1) and ListObjectsV2.
#include "api/call.hpp"
#include "common/encoding.hpp"
#include "oss/xml/list_xml.hpp"

#include <charconv>

namespace ossd::api {
namespace {

Result<int> read_max_keys(const Call& call) {
  if (!call.has_param("max-keys")) return 100;
  std::string_view v = call.param("max-keys");
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 0 || n > 1000)
    return Error(ErrorCode::InvalidArgument, "Argument max-keys should be between 0 and 1000.");
  return n;
}

Result<xml::ListObjectsParams> read_params(const Call& call) {
  xml::ListObjectsParams p;
  p.bucket = call.route.bucket;
  p.prefix = call.param("prefix");
  p.delimiter = call.param("delimiter");
  auto max = read_max_keys(call);
  if (!max) return max.error();
  p.max_keys = *max;
  std::string_view encoding = call.param("encoding-type");
  if (!encoding.empty() && encoding != "url") return Error(ErrorCode::InvalidArgument, "Invalid Encoding Method specified in Request.");
  p.url_encode = encoding == "url";
  p.owner_id = call.bucket->owner;
  return p;
}

storage::ListPage list(const Call& call, const xml::ListObjectsParams& p, const std::string& after) {
  storage::ListQuery q{p.prefix, p.delimiter, after, p.max_keys};
  if (p.max_keys == 0) return {};
  return call.ctx.meta.list_objects(call.route.bucket, q);
}

}  // namespace

Prepared handle_list_objects(Call& call) {
  auto p = read_params(call);
  if (!p) return fail(call, p.error());
  p->marker = call.param("marker");
  auto page = list(call, *p, p->marker);
  return answer(xml_response(xml::render_list_objects_v1(*p, page)));
}

Prepared handle_list_objects_v2(Call& call) {
  auto p = read_params(call);
  if (!p) return fail(call, p.error());
  p->marker = call.param("start-after");
  p->fetch_owner = call.param("fetch-owner") == "true";
  std::string after = p->marker;
  if (call.has_param("continuation-token")) {
    p->continuation_token = call.param("continuation-token");
    auto decoded = base64_decode(p->continuation_token);
    if (!decoded) return fail(call, Error(ErrorCode::InvalidArgument, "The continuation token provided is incorrect."));
    if (*decoded > after) after = *decoded;
  }
  auto page = list(call, *p, after);
  std::string next = page.truncated ? base64_encode(page.next_marker) : std::string();
  return answer(xml_response(xml::render_list_objects_v2(*p, page, next)));
}

}  // namespace ossd::api
