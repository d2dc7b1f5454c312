// CopyObject: x-oss-copy-source, x-oss-metadata-directive, x-oss-copy-source-if-*.
// The bytes are copied into a new blob (blobs are immutable, so the copy stays valid when
// the source is overwritten), on the blocking pool.
#include "api/call.hpp"
#include "api/object_headers.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/conditions.hpp"
#include "oss/names.hpp"
#include "oss/xml/object_xml.hpp"

#include <vector>

namespace ossd::api {
namespace {

constexpr std::size_t kCopyBufferSize = 1 << 20;

struct Source {
  std::string bucket;
  std::string key;
};

// "/bucket/key" (percent-encoded, as ali-oss sends it).
Result<Source> parse_copy_source(std::string_view header) {
  auto q = header.find('?');  // "?versionId=" - versioning is not implemented yet
  auto decoded = percent_decode(header.substr(0, q), false);
  if (!decoded) return Error(ErrorCode::InvalidArgument, "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.");
  std::string_view s = *decoded;
  if (s.starts_with('/')) s.remove_prefix(1);
  auto slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size())
    return Error(ErrorCode::InvalidArgument, "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.");
  return Source{std::string(s.substr(0, slash)), std::string(s.substr(slash + 1))};
}

// Copies the source blob into a new committed blob; nullopt on I/O failure.
std::optional<std::string> copy_blob(const Call& call, const storage::ObjectMeta& src) {
  auto writer = call.ctx.data.create_writer();
  if (!writer) return std::nullopt;
  if (src.size > 0) {
    auto reader = call.ctx.data.open(src.data_ref);
    if (!reader) return std::nullopt;
    std::vector<char> buf(kCopyBufferSize);
    for (uint64_t off = 0; off < src.size;) {
      int64_t n = reader->read_at(off, buf);
      if (n <= 0 || !writer->write(std::span<const char>(buf.data(), n))) return std::nullopt;
      off += static_cast<uint64_t>(n);
    }
  }
  return writer->commit();
}

Response do_copy(const Call& call, const Source& source, bool replace_meta, bool forbid) {
  auto src = call.ctx.meta.get_object(source.bucket, source.key);
  if (!src) return error_response(call, ErrorCode::NoSuchKey);
  auto cond = evaluate_conditions(read_conditions(call.headers(), true), src->etag, src->last_modified_ms / 1000);
  // Every failed copy condition is 412, If-None-Match included (a 304 would tell the client
  // nothing was wrong while nothing was copied).
  if (!cond) return error_response(call, ErrorCode::PreconditionFailed);
  storage::ObjectMeta dst = *src;
  dst.bucket = call.route.bucket;
  dst.key = call.route.key;
  if (replace_meta) {
    if (auto ok = read_object_metadata(call.headers(), dst.key, dst); !ok) return error_response(call, ok.error());
  }
  if (!src->data_ref.empty()) {  // inline objects carry their bytes in dst already
    auto ref = copy_blob(call, *src);
    if (!ref) return error_response(call, ErrorCode::InternalError);
    dst.data_ref = *ref;
  }
  dst.last_modified_ms = now_ms();
  std::string replaced;
  auto status = call.ctx.meta.put_object(dst, forbid, &replaced);
  if (status != storage::Status::Ok) {
    if (!dst.data_ref.empty()) call.ctx.data.remove(dst.data_ref);
    return error_response(call, status == storage::Status::PreconditionFailed ? ErrorCode::FileAlreadyExists : ErrorCode::InternalError);
  }
  if (!replaced.empty()) call.ctx.data.remove_later(replaced);
  Response r = xml_response(xml::render_copy_result(dst.etag, dst.last_modified_ms));
  r.headers.set("ETag", quoted_etag(dst.etag));
  r.headers.set("x-oss-hash-crc64ecma", std::to_string(dst.crc64));
  return r;
}

}  // namespace

Prepared handle_copy_object(Call& call) {
  if (auto ok = check_object_name(call.route.key); !ok) return fail(call, ok.error());
  auto source = parse_copy_source(call.headers().get("x-oss-copy-source"));
  if (!source) return fail(call, source.error());
  std::string directive(call.headers().find("x-oss-metadata-directive").value_or("COPY"));
  if (directive != "COPY" && directive != "REPLACE")
    return fail(call, Error(ErrorCode::InvalidArgument, "Unknown metadata directive."));
  auto src_bucket = call.ctx.meta.get_bucket(source->bucket);
  if (!src_bucket) return fail(call, Error(ErrorCode::NoSuchBucket).with("BucketName", source->bucket));
  if (auto readable = authorize_object(call, "oss:GetObject", *src_bucket, source->key, iam::AclNeed::Read); !readable)
    return fail(call, readable.error());
  bool forbid = forbid_overwrite_requested(call.headers());
  Prepared p;
  p.handler = buffered_body(call, [call, src = *source, replace = directive == "REPLACE", forbid](std::string) {
    return do_copy(call, src, replace, forbid);
  });
  return p;
}

}  // namespace ossd::api
