// XML documents of the service and bucket families: ListBuckets, GetBucketInfo,
// GetBucketLocation, and the CreateBucketConfiguration body of PutBucket.
#pragma once

#include "oss/errors.hpp"
#include "storage/types.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ossd::xml {

struct Owner {
  std::string id;
  std::string display_name;
};

struct ListBucketsResult {
  std::string prefix, marker;
  int max_keys = 0;            // 0: the request gave none (element omitted)
  bool truncated = false;
  std::string next_marker;
  Owner owner;
  std::vector<storage::BucketInfo> buckets;
  std::string extranet_endpoint_suffix;  // e.g. "aliyuncs.com" -> oss-<region>.aliyuncs.com
};
// <ListAllMyBucketsResult> with Prefix/Marker/MaxKeys/IsTruncated/NextMarker, Owner, Buckets/Bucket
// (CreationDate ISO 8601 ms, ExtranetEndpoint, IntranetEndpoint, Location oss-<region>, Name,
// Region, StorageClass).
std::string render_list_buckets(const ListBucketsResult& r);

// <BucketInfo><Bucket>... (Name, Location, CreationDate, ExtranetEndpoint, IntranetEndpoint,
// StorageClass, DataRedundancyType, AccessControlList/Grant, Owner ...)
std::string render_bucket_info(const storage::BucketInfo& b, const Owner& owner,
                               std::string_view extranet_endpoint, std::string_view intranet_endpoint);

// <LocationConstraint>oss-cn-hangzhou</LocationConstraint>
std::string render_location(std::string_view region);

struct CreateBucketConfiguration {
  std::string storage_class;     // empty: default
  std::string data_redundancy;   // empty: default
};
// Empty body -> defaults. MalformedXML on bad XML; InvalidArgument on an unknown StorageClass.
Result<CreateBucketConfiguration> parse_create_bucket_configuration(std::string_view body);

}  // namespace ossd::xml
