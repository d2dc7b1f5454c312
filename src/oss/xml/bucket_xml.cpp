#include "oss/xml/bucket_xml.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/xml/document.hpp"

#include <array>

namespace ossd::xml {
namespace {

// Storage classes and redundancy types PutBucket accepts (OSS API reference, PutBucket).
constexpr std::array<std::string_view, 5> kStorageClasses = {"Standard", "IA", "Archive", "ColdArchive",
                                                             "DeepColdArchive"};
constexpr std::array<std::string_view, 2> kRedundancyTypes = {"LRS", "ZRS"};

template <std::size_t N>
bool is_one_of(std::string_view value, const std::array<std::string_view, N>& allowed) {
  for (auto a : allowed) {
    if (a == value) return true;
  }
  return false;
}

std::string location_of(std::string_view region) { return std::string("oss-").append(region); }

std::string endpoint_of(std::string_view region, std::string_view suffix, bool internal) {
  std::string host = location_of(region);
  if (internal) host += "-internal";
  if (suffix.empty()) return host;
  return host.append(".").append(suffix);
}

void add_owner(pugi::xml_node parent, const Owner& owner) {
  auto node = parent.append_child("Owner");
  add_text(node, "ID", owner.id);
  add_text(node, "DisplayName", owner.display_name);
}

// One <Bucket> of ListAllMyBucketsResult: children in OSS's (alphabetical) order.
void add_listed_bucket(pugi::xml_node buckets, const storage::BucketInfo& b, std::string_view suffix) {
  auto node = buckets.append_child("Bucket");
  add_text(node, "CreationDate", format_iso8601_ms(b.created_ms));
  add_text(node, "ExtranetEndpoint", endpoint_of(b.region, suffix, false));
  add_text(node, "IntranetEndpoint", endpoint_of(b.region, suffix, true));
  add_text(node, "Location", location_of(b.region));
  add_text(node, "Name", b.name);
  add_text(node, "Region", b.region);
  add_text(node, "StorageClass", b.storage_class);
}

}  // namespace

std::string render_list_buckets(const ListBucketsResult& r) {
  pugi::xml_document doc;
  auto root = start_document(doc, "ListAllMyBucketsResult");
  // OSS omits the paging elements when every bucket fits in the answer (ListBuckets reference).
  if (r.truncated) {
    add_text(root, "Prefix", r.prefix);
    add_text(root, "Marker", r.marker);
    if (r.max_keys > 0) add_text(root, "MaxKeys", std::to_string(r.max_keys));
    add_text(root, "IsTruncated", "true");
    add_text(root, "NextMarker", r.next_marker);
  }
  add_owner(root, r.owner);
  auto buckets = root.append_child("Buckets");
  for (const auto& b : r.buckets) add_listed_bucket(buckets, b, r.extranet_endpoint_suffix);
  return to_string(doc);
}

std::string render_bucket_info(const storage::BucketInfo& b, const Owner& owner,
                               std::string_view extranet_endpoint, std::string_view intranet_endpoint) {
  pugi::xml_document doc;
  auto node = start_document(doc, "BucketInfo").append_child("Bucket");
  add_text(node, "AccessMonitor", "Disabled");
  add_text(node, "CreationDate", format_iso8601_ms(b.created_ms));
  add_text(node, "ExtranetEndpoint", extranet_endpoint);
  add_text(node, "IntranetEndpoint", intranet_endpoint);
  add_text(node, "Location", location_of(b.region));
  add_text(node, "StorageClass", b.storage_class);
  add_text(node, "TransferAcceleration", "Disabled");
  add_text(node, "CrossRegionReplication", "Disabled");
  add_text(node, "DataRedundancyType", b.data_redundancy);
  add_text(node, "Name", b.name);
  add_text(node, "Comment", "");
  // GetBucketInfo lists DisplayName before ID, unlike the listings.
  auto owner_node = node.append_child("Owner");
  add_text(owner_node, "DisplayName", owner.display_name);
  add_text(owner_node, "ID", owner.id);
  add_text(node.append_child("AccessControlList"), "Grant", b.acl);
  add_text(node.append_child("ServerSideEncryptionRule"), "SSEAlgorithm", "None");
  auto policy = node.append_child("BucketPolicy");
  add_text(policy, "LogBucket", "");
  add_text(policy, "LogPrefix", "");
  return to_string(doc);
}

std::string render_location(std::string_view region) {
  pugi::xml_document doc;
  start_document(doc, "LocationConstraint").text().set(location_of(region).c_str());
  return to_string(doc);
}

Result<CreateBucketConfiguration> parse_create_bucket_configuration(std::string_view body) {
  CreateBucketConfiguration config;
  if (trim(body).empty()) return config;
  pugi::xml_document doc;
  if (!parse_body(doc, body)) return Error(ErrorCode::MalformedXML);
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "CreateBucketConfiguration") return Error(ErrorCode::MalformedXML);
  config.storage_class = std::string(trim(root.child_value("StorageClass")));
  config.data_redundancy = std::string(trim(root.child_value("DataRedundancyType")));
  if (!config.storage_class.empty() && !is_one_of(config.storage_class, kStorageClasses)) {
    return Error(ErrorCode::InvalidArgument, "Invalid storage class " + config.storage_class + ".");
  }
  if (!config.data_redundancy.empty() && !is_one_of(config.data_redundancy, kRedundancyTypes)) {
    return Error(ErrorCode::InvalidArgument, "Invalid data redundancy type " + config.data_redundancy + ".");
  }
  return config;
}

}  // namespace ossd::xml
