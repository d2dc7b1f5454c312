// Service-level operations: ListBuckets (GetService).
#include "api/call.hpp"
#include "oss/xml/bucket_xml.hpp"

#include <charconv>

namespace ossd::api {

Prepared handle_list_buckets(Call& call) {
  xml::ListBucketsResult r;
  r.prefix = call.param("prefix");
  r.marker = call.param("marker");
  int max = 1000;  // OSS lists up to 1000 buckets when max-keys is absent
  if (call.has_param("max-keys")) {
    std::string_view v = call.param("max-keys");
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), max);
    if (ec != std::errc() || p != v.data() + v.size() || max < 1 || max > 1000)
      return fail(call, Error(ErrorCode::InvalidArgument, "max-keys should be between 1 and 1000."));
    r.max_keys = max;
  }
  r.buckets = call.ctx.meta.list_buckets(r.prefix, r.marker, max);
  if (static_cast<int>(r.buckets.size()) > max) {
    r.buckets.resize(max);
    r.truncated = true;
    r.next_marker = r.buckets.back().name;
  }
  r.owner = {call.ctx.config.owner_id, call.ctx.config.owner_id};
  r.extranet_endpoint_suffix = "aliyuncs.com";
  return answer(xml_response(xml::render_list_buckets(r)));
}

}  // namespace ossd::api
