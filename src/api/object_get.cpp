// GetObject, HeadObject, GetObjectMeta: conditions, a single Range, response-* overrides,
// and a streamed body from the DataStore.
#include "api/call.hpp"
#include "api/object_headers.hpp"
#include "common/time.hpp"
#include "oss/conditions.hpp"
#include "oss/range.hpp"
#include "storage/memory_reader.hpp"

#include <array>

namespace ossd::api {
namespace {

// response-* query parameters override the stored headers (OSS GetObject).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOverrides = {{
    {"response-content-type", "Content-Type"},
    {"response-content-language", "Content-Language"},
    {"response-expires", "Expires"},
    {"response-cache-control", "Cache-Control"},
    {"response-content-disposition", "Content-Disposition"},
    {"response-content-encoding", "Content-Encoding"},
}};

// The object and an open reader on it. A concurrent overwrite may remove the blob between
// the metadata read and the open; reading the metadata again then finds the new object.
struct Opened {
  storage::ObjectMeta meta;
  std::unique_ptr<storage::DataReader> reader;  // null for an empty object
};

Result<Opened> open_object(const Call& call) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto meta = call.ctx.meta.get_object(call.route.bucket, call.route.key);
    if (!meta) return Error(ErrorCode::NoSuchKey);
    if (meta->size == 0) return Opened{std::move(*meta), nullptr};
    if (meta->data_ref.empty()) {
      auto bytes = std::move(meta->inline_data);
      return Opened{std::move(*meta), std::make_unique<storage::MemoryReader>(std::move(bytes))};
    }
    auto reader = call.ctx.data.open(meta->data_ref);
    if (reader) return Opened{std::move(*meta), std::move(reader)};
  }
  return Error(ErrorCode::InternalError, "The object changed too often while it was being opened.");
}

Response not_modified(const storage::ObjectMeta& meta) {
  Response r;
  r.status = 304;
  r.headers.set("ETag", quoted_etag(meta.etag));
  r.headers.set("Last-Modified", format_rfc1123(meta.last_modified_ms / 1000));
  r.omit_body = true;
  return r;
}

Prepared serve(Call& call, bool with_body) {
  auto opened = open_object(call);
  if (!opened) return fail(call, opened.error());
  auto& [meta, reader] = *opened;
  auto cond = evaluate_conditions(read_conditions(call.headers(), false), meta.etag, meta.last_modified_ms / 1000);
  if (!cond) {
    if (cond.error().code == ErrorCode::NotModified) return answer(not_modified(meta));
    return fail(call, cond.error());
  }
  bool standard = call.headers().get("x-oss-range-behavior") == "standard";
  auto range = parse_range(call.headers().get("Range"), meta.size, standard);
  if (!range) return fail(call, range.error());

  Response r;
  write_object_headers(meta, r.headers);
  for (const auto& [param, header] : kOverrides) {
    if (!call.has_param(param)) continue;
    std::string_view value = call.param(param);
    // A decoded %0D%0A would end the header and let the URL's author write their own headers
    // into the response (response splitting).
    if (value.find_first_of("\r\n") != std::string_view::npos)
      return fail(call, Error(ErrorCode::InvalidArgument, std::string(param) + " must not contain line breaks."));
    r.headers.set(header, std::string(value));
  }
  r.stream_offset = 0;
  r.stream_length = meta.size;
  if (*range) {
    r.status = 206;
    r.stream_offset = (*range)->first;
    r.stream_length = (*range)->length();
    r.headers.set("Content-Range", "bytes " + std::to_string((*range)->first) + "-" + std::to_string((*range)->last) +
                                       "/" + std::to_string(meta.size));
  }
  r.stream = std::move(reader);
  r.omit_body = !with_body;
  return answer(std::move(r));
}

}  // namespace

Prepared handle_get_object(Call& call) { return serve(call, true); }

Prepared handle_head_object(Call& call) { return serve(call, false); }

Prepared handle_get_object_meta(Call& call) {
  auto meta = call.ctx.meta.get_object(call.route.bucket, call.route.key);
  if (!meta) return fail(call, ErrorCode::NoSuchKey);
  Response r;
  r.headers.set("ETag", quoted_etag(meta->etag));
  r.headers.set("Last-Modified", format_rfc1123(meta->last_modified_ms / 1000));
  r.headers.set("x-oss-hash-crc64ecma", std::to_string(meta->crc64));
  if (call.is_head()) {
    r.headers.set("Content-Length", std::to_string(meta->size));  // announced, not sent
    r.omit_body = true;
  }
  return answer(std::move(r));
}

}  // namespace ossd::api
