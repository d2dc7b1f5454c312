// The one way object bytes are written (PutObject, PostObject): the body streams through MD5
// and CRC-64 into memory (≤ kInlineThreshold, committed inline with the metadata) or a
// DataWriter (never held whole in memory); commit() stores the blob durably, then the
// metadata, then removes the blob the object replaced. A success therefore means bytes and
// metadata are on stable storage. Dropping an uncommitted writer drops its temporary blob.
#pragma once

#include "api/call.hpp"
#include "common/digest.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace ossd::api {

inline constexpr uint64_t kMaxObjectSize = 5ull * 1024 * 1024 * 1024;  // OSS's PutObject limit

class ObjectWriter {
 public:
  ObjectWriter(const Context& ctx, storage::ObjectMeta meta, bool forbid_overwrite)
      : meta_store_(ctx.meta), data_store_(ctx.data), meta_(std::move(meta)), forbid_overwrite_(forbid_overwrite) {}

  // EntityTooLarge past kMaxObjectSize; InternalError when the data store fails.
  // write() = store() + digest(). A caller may instead call store() and digest() for each
  // piece from two threads (one piece's digest() concurrent with another's store(), each in
  // order): they share no state.
  Result<void> write(std::string_view bytes) {
    auto ok = store(bytes);
    if (ok) digest(bytes);
    return ok;
  }
  Result<void> store(std::string_view bytes);
  void digest(std::string_view bytes);
  uint64_t size() const { return size_; }

  // Finishes the digests; BadDigest when `content_md5` (base64, may be empty) differs. Then
  // stores data and metadata: FileAlreadyExists (forbid_overwrite) or InternalError. On
  // success the stored metadata (etag, crc64, size filled in).
  Result<const storage::ObjectMeta*> commit(std::string_view content_md5 = {});
  // base64 of the MD5 of the bytes written; valid after commit().
  const std::string& content_md5() const { return md5_base64_; }

 private:
  storage::MetaStore& meta_store_;
  storage::DataStore& data_store_;
  storage::ObjectMeta meta_;
  bool forbid_overwrite_;
  std::unique_ptr<storage::DataWriter> writer_;  // created once the body outgrows kInlineThreshold
  std::string inline_;
  // Touched only by digest() (and commit(), after the last digest()).
  Md5 md5_;
  std::string md5_base64_;
  uint64_t crc_ = 0;
  uint64_t size_ = 0;
};

// ETag and x-oss-hash-crc64ecma of a freshly written object (every write operation sends them).
void set_write_headers(const storage::ObjectMeta& meta, Headers& out);

}  // namespace ossd::api
