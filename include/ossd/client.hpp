// ossd::sdk::Client: bucket and object operations against OSS or ossd, every request signed
// with Signature V4 in the Authorization header. Object bodies stream from and to files or
// callbacks. Errors carry OSS's Code, Message, RequestId and HTTP status (error.hpp).
// Thread-safety: a Client is for one thread at a time (its transport reuses one connection);
// create one per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ossd/credentials.hpp"
#include "ossd/error.hpp"
#include "ossd/presign.hpp"
#include "ossd/transport.hpp"

namespace ossd::sdk {

struct BucketSummary {
  std::string name;
  std::string creation_date;  // ISO 8601 as sent by the server
  std::string location;       // "oss-cn-hangzhou"
  std::string region;
};

struct ObjectSummary {
  std::string key;
  uint64_t size = 0;
  std::string etag;  // with the quotes OSS sends
  std::string last_modified;
  std::string storage_class;
};

struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string start_after;
  std::string continuation_token;  // from the previous page's next_continuation_token
  int max_keys = 1000;
};

struct ListObjectsPage {
  std::vector<ObjectSummary> objects;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string next_continuation_token;
};

struct ObjectInfo {
  uint64_t size = 0;
  std::string etag;
  std::string last_modified;  // RFC 1123
  std::string content_type;
  std::string request_id;
  HeaderList headers;  // all response headers, names lowercased
};

struct PutOptions {
  std::string content_type;  // empty: none sent (the server's default applies)
  HeaderList headers;        // more headers, e.g. x-oss-meta-*, x-oss-object-acl (signed)
  ProgressFn progress;
};

struct PutResult {
  std::string etag;
  std::string request_id;
  std::string crc64;  // x-oss-hash-crc64ecma, when the server sent it
};

class Client {
 public:
  explicit Client(ClientOptions options);  // libcurl transport
  Client(ClientOptions options, std::shared_ptr<Transport> transport);

  const ClientOptions& options() const { return options_; }

  Result<void> create_bucket(const std::string& bucket);
  Result<void> delete_bucket(const std::string& bucket);
  Result<std::vector<BucketSummary>> list_buckets();

  // One page of ListObjectsV2; loop on next_continuation_token while is_truncated.
  Result<ListObjectsPage> list_objects(const ListObjectsRequest& request);

  // Streams the file (its size is sent as Content-Length).
  Result<PutResult> put_object(const std::string& bucket, const std::string& key,
                               const std::filesystem::path& file, const PutOptions& options = {});
  Result<PutResult> put_object(const std::string& bucket, const std::string& key,
                               BodyReader body, uint64_t size, const PutOptions& options = {});

  // Streams the body into `file` through a temporary name beside it, renamed on success, so a
  // failed download never leaves a truncated file under the final name.
  Result<ObjectInfo> get_object(const std::string& bucket, const std::string& key,
                                const std::filesystem::path& file, ProgressFn progress = {});
  Result<ObjectInfo> get_object(const std::string& bucket, const std::string& key,
                                const BodyWriter& sink, ProgressFn progress = {});

  Result<ObjectInfo> head_object(const std::string& bucket, const std::string& key);
  Result<void> delete_object(const std::string& bucket, const std::string& key);

  // Presigned URL with this client's credentials and endpoint (presign.hpp).
  Result<std::string> presign(const PresignRequest& request) const;

 private:
  struct Call;
  Result<HttpResponse> execute(const Call& call, const BodyWriter& sink = {});

  ClientOptions options_;
  std::shared_ptr<Transport> transport_;
};

}  // namespace ossd::sdk
