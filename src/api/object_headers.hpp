// Object metadata carried in HTTP headers: read from a PUT/Copy request, written to a
// GET/HEAD response, exactly as stored.
#pragma once

#include "api/call.hpp"
#include "storage/types.hpp"

namespace ossd::api {

// Content-Type, the standard headers OSS stores (Cache-Control, Content-Disposition,
// Content-Encoding, Content-Language, Expires) and x-oss-meta-*. InvalidArgument when the
// user metadata exceeds OSS's 8 KB.
Result<void> read_object_metadata(const Headers& h, std::string_view key, storage::ObjectMeta& meta);

// ETag, Last-Modified, Content-Type, x-oss-hash-crc64ecma, x-oss-object-type,
// x-oss-storage-class, stored headers and x-oss-meta-*.
void write_object_headers(const storage::ObjectMeta& meta, Headers& out);

std::string quoted_etag(std::string_view etag);

// default | private | public-read | public-read-write (x-oss-object-acl, PutObjectACL).
bool is_valid_object_acl(std::string_view acl);

// Objects up to this size are stored inline in their metadata row (storage/types.hpp):
// one group-committed fsync per PUT instead of data file + directory + metadata.
inline constexpr uint64_t kInlineThreshold = 64 * 1024;

// x-oss-forbid-overwrite: true
bool forbid_overwrite_requested(const Headers& h);

// A guess of Content-Type from the key's extension, as OSS does when none is sent.
std::string content_type_for_key(std::string_view key);

}  // namespace ossd::api
