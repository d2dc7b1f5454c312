#include "api/object_writer.hpp"

#include "api/object_headers.hpp"
#include "common/crc64.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::api {

void ObjectWriter::digest(std::string_view bytes) {
  md5_.update(bytes);
  crc_ = crc64_update(crc_, bytes);
}

Result<void> ObjectWriter::store(std::string_view bytes) {
  size_ += bytes.size();
  if (size_ > kMaxObjectSize) return Error(ErrorCode::EntityTooLarge);
  // Small objects stay in memory and are committed inline with their metadata; the first
  // byte past the threshold moves everything to a blob.
  if (!writer_ && size_ <= kInlineThreshold) {
    inline_.append(bytes);
    return {};
  }
  if (!writer_) {
    writer_ = data_store_.create_writer();
    if (!writer_ || !writer_->write(inline_)) return Error(ErrorCode::InternalError, "Failed to write the object data.");
    inline_.clear();
    inline_.shrink_to_fit();
  }
  if (!writer_->write(bytes)) return Error(ErrorCode::InternalError, "Failed to write the object data.");
  return {};
}

Result<const storage::ObjectMeta*> ObjectWriter::commit(std::string_view content_md5) {
  std::string digest = md5_.finish();
  md5_base64_ = base64_encode(digest);
  if (!content_md5.empty() && md5_base64_ != content_md5) return Error(ErrorCode::BadDigest);
  if (writer_) {
    auto ref = writer_->commit();
    if (!ref) return Error(ErrorCode::InternalError);
    meta_.data_ref = *ref;
  } else {
    meta_.inline_data = std::move(inline_);
  }
  meta_.size = size_;
  meta_.etag = hex_upper(digest);
  meta_.crc64 = crc_;
  meta_.last_modified_ms = now_ms();
  std::string replaced;
  auto status = meta_store_.put_object(meta_, forbid_overwrite_, &replaced);
  if (status != storage::Status::Ok) {
    if (!meta_.data_ref.empty()) data_store_.remove(meta_.data_ref);
    return Error(status == storage::Status::PreconditionFailed ? ErrorCode::FileAlreadyExists : ErrorCode::InternalError);
  }
  if (!replaced.empty()) data_store_.remove_later(replaced);
  return &meta_;
}

void set_write_headers(const storage::ObjectMeta& meta, Headers& out) {
  out.set("ETag", quoted_etag(meta.etag));
  out.set("x-oss-hash-crc64ecma", std::to_string(meta.crc64));
}

}  // namespace ossd::api
