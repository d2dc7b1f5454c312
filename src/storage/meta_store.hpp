// MetaStore: the transactional metadata of buckets and objects (the "namespace").
//
// Contract for every implementation:
// - Thread-safe: any method may be called concurrently from any thread.
// - Durable: a mutating call returns Status::Ok only after the change is on stable storage
//   (SQLite: WAL with synchronous=FULL). A crash at any point leaves the old state or the new.
// - Byte order: keys and bucket names compare as raw bytes (memcmp), which is the order
//   ListObjects returns.
// - Calls may block (disk I/O): the http layer runs mutating calls off the network threads.
#pragma once

#include "storage/types.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ossd::storage {

class MetaStore {
 public:
  virtual ~MetaStore() = default;

  // AlreadyExists if the name is taken.
  virtual Status create_bucket(const BucketInfo& bucket) = 0;
  virtual std::optional<BucketInfo> get_bucket(const std::string& name) = 0;
  // NotFound, or NotEmpty when the bucket still holds objects.
  virtual Status delete_bucket(const std::string& name) = 0;
  // Buckets with name > marker and starting with prefix, in byte order, at most max + 1
  // (the caller uses the extra one to know the list is truncated).
  virtual std::vector<BucketInfo> list_buckets(const std::string& prefix, const std::string& marker,
                                               int max) = 0;
  virtual Status update_bucket_acl(const std::string& name, const std::string& acl) = 0;

  // Per-bucket configuration documents (e.g. "cors"), stored as opaque text.
  virtual std::optional<std::string> get_bucket_config(const std::string& bucket, const std::string& name) = 0;
  // NotFound when the bucket does not exist. An empty value removes the entry. Entries are
  // removed with their bucket.
  virtual Status put_bucket_config(const std::string& bucket, const std::string& name, const std::string& value) = 0;

  virtual std::optional<ObjectMeta> get_object(const std::string& bucket, const std::string& key) = 0;

  // Inserts or replaces the object (meta.bucket, meta.key). When `forbid_overwrite` and the
  // key exists: PreconditionFailed, nothing changes. When `expected_etag` is set, the current
  // object must exist with that etag (else PreconditionFailed) - used by copy-in-place.
  // On Ok, `replaced_data_ref` receives the data reference of the object that was replaced
  // (empty if none), which the caller deletes from the DataStore after this returns.
  virtual Status put_object(const ObjectMeta& meta, bool forbid_overwrite,
                            std::string* replaced_data_ref) = 0;

  // Sets the ACL of an existing object (PutObjectACL); NotFound if absent.
  virtual Status update_object_acl(const std::string& bucket, const std::string& key, const std::string& acl) = 0;

  // NotFound if absent; on Ok `deleted_data_ref` receives the data reference to delete.
  virtual Status delete_object(const std::string& bucket, const std::string& key,
                               std::string* deleted_data_ref) = 0;

  // One page of a listing (see ListQuery). Objects in byte order of key, common prefixes
  // folded at the first delimiter after the prefix.
  virtual ListPage list_objects(const std::string& bucket, const ListQuery& query) = 0;

  // Every data reference the metadata points at (start-up orphan sweep).
  virtual void for_each_data_ref(const std::function<void(const std::string&)>& fn) = 0;

  // Small key/value settings of the server itself (root credentials, schema version).
  virtual std::optional<std::string> get_setting(const std::string& name) = 0;
  virtual Status put_setting(const std::string& name, const std::string& value) = 0;
};

}  // namespace ossd::storage
