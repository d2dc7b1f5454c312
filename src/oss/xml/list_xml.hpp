// ListObjects (v1) and ListObjectsV2 result documents.
#pragma once

#include "storage/types.hpp"

#include <string>
#include <string_view>

namespace ossd::xml {

struct ListObjectsParams {
  std::string bucket;
  std::string prefix, delimiter, marker;  // v1: marker; v2: start_after
  std::string continuation_token;         // v2 only, as received
  int max_keys = 100;
  bool url_encode = false;                // encoding-type=url: Key, Prefix, Delimiter, Marker, NextMarker, StartAfter, CommonPrefixes/Prefix url-encoded
  bool fetch_owner = false;               // v2
  std::string owner_id;                   // v1 always shows Owner; v2 only with fetch_owner
};

// <ListBucketResult> v1: Name, Prefix, Marker, MaxKeys, Delimiter, IsTruncated, [NextMarker],
// [EncodingType], Contents (Key, LastModified, ETag quoted, Type, Size, StorageClass, Owner),
// CommonPrefixes.
std::string render_list_objects_v1(const ListObjectsParams& p, const storage::ListPage& page);

// v2: Name, Prefix, [StartAfter], [ContinuationToken], MaxKeys, Delimiter, IsTruncated,
// [NextContinuationToken], KeyCount, [EncodingType], Contents, CommonPrefixes.
// `next_token` is the opaque token to emit when truncated.
std::string render_list_objects_v2(const ListObjectsParams& p, const storage::ListPage& page,
                                   std::string_view next_token);

}  // namespace ossd::xml
