#include "oss/xml/list_xml.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/xml/document.hpp"

namespace ossd::xml {
namespace {

// encoding-type=url percent-encodes names (slash included), as OSS does: the SDKs decode
// Key, Prefix, Delimiter, Marker, NextMarker and StartAfter with decodeURIComponent.
std::string encoded(const ListObjectsParams& p, std::string_view s) {
  return p.url_encode ? uri_encode(s) : std::string(s);
}

void add_contents(pugi::xml_node root, const ListObjectsParams& p, const storage::ObjectMeta& o,
                  bool with_owner) {
  auto node = root.append_child("Contents");
  add_text(node, "Key", encoded(p, o.key));
  add_text(node, "LastModified", format_iso8601_ms(o.last_modified_ms));
  add_text(node, "ETag", quote_etag(o.etag));
  add_text(node, "Type", o.object_type);
  add_text(node, "Size", std::to_string(o.size));
  add_text(node, "StorageClass", o.storage_class);
  if (with_owner) {
    auto owner = node.append_child("Owner");
    // ossd has no display names: OSS shows the account id in both, so do we.
    add_text(owner, "ID", p.owner_id);
    add_text(owner, "DisplayName", p.owner_id);
  }
}

void add_entries(pugi::xml_node root, const ListObjectsParams& p, const storage::ListPage& page,
                 bool with_owner) {
  for (const auto& o : page.objects) add_contents(root, p, o, with_owner);
  for (const auto& prefix : page.common_prefixes) {
    add_text(root.append_child("CommonPrefixes"), "Prefix", encoded(p, prefix));
  }
}

}  // namespace

std::string render_list_objects_v1(const ListObjectsParams& p, const storage::ListPage& page) {
  pugi::xml_document doc;
  auto root = start_document(doc, "ListBucketResult");
  add_text(root, "Name", p.bucket);
  add_text(root, "Prefix", encoded(p, p.prefix));
  add_text(root, "Marker", encoded(p, p.marker));
  add_text(root, "MaxKeys", std::to_string(p.max_keys));
  add_text(root, "Delimiter", encoded(p, p.delimiter));
  add_text(root, "IsTruncated", page.truncated ? "true" : "false");
  if (page.truncated) add_text(root, "NextMarker", encoded(p, page.next_marker));
  if (p.url_encode) add_text(root, "EncodingType", "url");
  add_entries(root, p, page, true);
  return to_string(doc);
}

std::string render_list_objects_v2(const ListObjectsParams& p, const storage::ListPage& page,
                                   std::string_view next_token) {
  pugi::xml_document doc;
  auto root = start_document(doc, "ListBucketResult");
  add_text(root, "Name", p.bucket);
  add_text(root, "Prefix", encoded(p, p.prefix));
  if (!p.marker.empty()) add_text(root, "StartAfter", encoded(p, p.marker));
  if (!p.continuation_token.empty()) add_text(root, "ContinuationToken", p.continuation_token);
  add_text(root, "MaxKeys", std::to_string(p.max_keys));
  add_text(root, "Delimiter", encoded(p, p.delimiter));
  add_text(root, "IsTruncated", page.truncated ? "true" : "false");
  if (page.truncated) add_text(root, "NextContinuationToken", next_token);
  add_text(root, "KeyCount", std::to_string(page.objects.size() + page.common_prefixes.size()));
  if (p.url_encode) add_text(root, "EncodingType", "url");
  add_entries(root, p, page, p.fetch_owner);
  return to_string(doc);
}

}  // namespace ossd::xml
