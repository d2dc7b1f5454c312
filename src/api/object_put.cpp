// PutObject: the body streams through MD5 and CRC-64 into a DataWriter (never held whole in
// memory); finish() commits the blob durably, then the metadata, then removes the blob the
// object replaced. A 200 therefore means bytes and metadata are on stable storage.
#include "api/call.hpp"
#include "api/object_headers.hpp"
#include "common/crc64.hpp"
#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/names.hpp"

namespace ossd::api {
namespace {

constexpr uint64_t kMaxObjectSize = 5ull * 1024 * 1024 * 1024;  // OSS's PutObject limit

class PutBody final : public BodyHandler {
 public:
  PutBody(Call call, storage::ObjectMeta meta, std::string content_md5, bool forbid_overwrite)
      : call_(std::move(call)), meta_(std::move(meta)), content_md5_(std::move(content_md5)),
        forbid_overwrite_(forbid_overwrite) {}

  Result<void> on_data(std::span<const char> bytes) override {
    std::string_view view(bytes.data(), bytes.size());
    size_ += bytes.size();
    if (size_ > kMaxObjectSize) return Error(ErrorCode::EntityTooLarge);
    md5_.update(view);
    crc_ = crc64_update(crc_, view);
    // Small objects stay in memory and are committed inline with their metadata; the first
    // byte past the threshold moves everything to a blob.
    if (!writer_ && size_ <= kInlineThreshold) {
      inline_.append(view);
      return {};
    }
    if (!writer_) {
      writer_ = call_.ctx.data.create_writer();
      if (!writer_ || !writer_->write(inline_)) return Error(ErrorCode::InternalError, "Failed to write the object data.");
      inline_.clear();
      inline_.shrink_to_fit();
    }
    if (!writer_->write(bytes)) return Error(ErrorCode::InternalError, "Failed to write the object data.");
    return {};
  }

  Response finish() override {
    std::string digest = md5_.finish();
    if (!content_md5_.empty() && base64_encode(digest) != content_md5_) return error_response(call_, ErrorCode::BadDigest);
    if (writer_) {
      auto ref = writer_->commit();
      if (!ref) return error_response(call_, ErrorCode::InternalError);
      meta_.data_ref = *ref;
    } else {
      meta_.inline_data = std::move(inline_);
    }
    meta_.size = size_;
    meta_.etag = hex_upper(digest);
    meta_.crc64 = crc_;
    meta_.last_modified_ms = now_ms();
    std::string replaced;
    auto status = call_.ctx.meta.put_object(meta_, forbid_overwrite_, &replaced);
    if (status != storage::Status::Ok) {
      if (!meta_.data_ref.empty()) call_.ctx.data.remove(meta_.data_ref);
      return error_response(call_, status == storage::Status::PreconditionFailed ? ErrorCode::FileAlreadyExists
                                                                                  : ErrorCode::InternalError);
    }
    if (!replaced.empty()) call_.ctx.data.remove(replaced);
    Response r;
    r.headers.set("ETag", quoted_etag(meta_.etag));
    r.headers.set("x-oss-hash-crc64ecma", std::to_string(crc_));
    r.headers.set("Content-MD5", base64_encode(digest));
    return r;
  }

 private:
  Call call_;
  storage::ObjectMeta meta_;
  std::unique_ptr<storage::DataWriter> writer_;  // created once the body outgrows kInlineThreshold
  std::string inline_;
  std::string content_md5_;
  bool forbid_overwrite_;
  Md5 md5_;
  uint64_t crc_ = 0;
  uint64_t size_ = 0;
};

// Content-MD5 must be the base64 of 16 bytes.
Result<std::string> read_content_md5(const Headers& h) {
  auto v = h.find("Content-MD5");
  if (!v) return std::string();
  auto raw = base64_decode(*v);
  if (!raw || raw->size() != 16) return Error(ErrorCode::InvalidDigest);
  return std::string(*v);
}

}  // namespace

bool forbid_overwrite_requested(const Headers& h) { return iequals(h.get("x-oss-forbid-overwrite"), "true"); }

Prepared handle_put_object(Call& call) {
  if (auto ok = check_object_name(call.route.key); !ok) return fail(call, ok.error());
  if (call.req.content_length && *call.req.content_length > kMaxObjectSize) return fail(call, ErrorCode::EntityTooLarge);
  auto md5 = read_content_md5(call.headers());
  if (!md5) return fail(call, md5.error());
  bool forbid = forbid_overwrite_requested(call.headers());
  // Checked here too so the client is refused before it sends the body; the commit
  // re-checks atomically.
  if (forbid && call.ctx.meta.get_object(call.route.bucket, call.route.key)) return fail(call, ErrorCode::FileAlreadyExists);

  storage::ObjectMeta meta;
  meta.bucket = call.route.bucket;
  meta.key = call.route.key;
  if (auto ok = read_object_metadata(call.headers(), call.route.key, meta); !ok) return fail(call, ok.error());
  Prepared p;
  p.handler = std::make_unique<PutBody>(call, std::move(meta), std::move(*md5), forbid);
  return p;
}

}  // namespace ossd::api
