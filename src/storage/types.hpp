// Plain records exchanged between api/ and the storage backends. No behaviour here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ossd::storage {

// What a storage call can report. The api/ handler that made the call decides what it means
// in OSS terms (NotFound -> NoSuchBucket in a bucket lookup, NoSuchKey in GetObject).
enum class Status { Ok, NotFound, AlreadyExists, NotEmpty, PreconditionFailed, Busy, IoError, Corrupt };

struct BucketInfo {
  std::string name;
  std::string region;         // e.g. "cn-hangzhou"
  std::string acl = "private";  // private | public-read | public-read-write
  std::string storage_class = "Standard";
  std::string data_redundancy = "LRS";
  std::string owner;          // owner id (the root account id for now)
  int64_t created_ms = 0;
};

struct ObjectMeta {
  std::string bucket;
  std::string key;
  uint64_t size = 0;
  std::string etag;           // without quotes, e.g. 5EB63BBBE01EEED093CB22BB8F5ACDC3
  uint64_t crc64 = 0;         // x-oss-hash-crc64ecma
  std::string content_type;
  int64_t last_modified_ms = 0;
  std::string object_type = "Normal";  // Normal | Multipart | Appendable
  std::string storage_class = "Standard";
  std::string acl = "default";
  // Standard headers stored as sent (Cache-Control, Content-Disposition, Content-Encoding,
  // Content-Language, Expires) and user metadata (x-oss-meta-*, name lowercased), in order.
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> user_meta;
  // Where the bytes are: a DataStore reference; empty for a zero-byte object.
  std::string data_ref;
  // The bytes of a small object kept in its metadata row instead of a blob (data_ref empty):
  // one durable commit instead of file, directory and metadata fsyncs. Only get_object fills
  // it; listings leave it empty.
  std::string inline_data;
  // put_object precondition only, never stored: when set, the current object must exist with
  // this etag (copy-in-place). MetaStore::put_object has no parameter for it, so it rides here.
  std::optional<std::string> expected_etag;
};

struct ListQuery {
  std::string prefix;
  std::string delimiter;    // empty: no grouping
  std::string start_after;  // exclusive: only keys > start_after (marker / start-after / token)
  int max_keys = 100;       // entries + common prefixes returned, 1..1000
};

struct ListPage {
  std::vector<ObjectMeta> objects;
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  std::string next_marker;  // last key or common prefix returned, when truncated
};

}  // namespace ossd::storage
