// Reading OSS's XML answers: <Error>, <ListAllMyBucketsResult>, <ListBucketResult> (v2).
#include <pugixml.hpp>

#include "common/encoding.hpp"
#include "internal.hpp"

namespace ossd::sdk::detail {
namespace {

std::string text(const pugi::xml_node& node, const char* child) {
  return node.child(child).text().as_string();
}

Error bad_xml(const char* what) {
  return local_error("MalformedResponse", std::string("cannot parse the ") + what + " response");
}

// Fills code/message/ids from an <Error> document; false when `xml` is not one.
bool read_error_xml(const std::string& xml, Error& e) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return false;
  pugi::xml_node root = doc.child("Error");
  if (!root) return false;
  e.code = text(root, "Code");
  e.message = text(root, "Message");
  e.request_id = text(root, "RequestId");
  e.host_id = text(root, "HostId");
  e.ec = text(root, "EC");
  return true;
}

}  // namespace

Error error_from_response(const HttpResponse& r) {
  Error e;
  e.status = r.status;
  bool parsed = !r.body.empty() && read_error_xml(r.body, e);
  // HEAD answers have no body; OSS puts the error XML, base64-encoded, in x-oss-err.
  if (!parsed) {
    if (auto xml = base64_decode(r.header("x-oss-err"))) parsed = read_error_xml(*xml, e);
  }
  if (!parsed) {
    e.code = r.status == 404 ? "NotFound" : "HTTP" + std::to_string(r.status);
    e.message = "the server answered " + std::to_string(r.status) + " without an OSS error body";
  }
  if (e.request_id.empty()) e.request_id = r.header("x-oss-request-id");
  if (e.ec.empty()) e.ec = r.header("x-oss-ec");
  return e;
}

Result<std::vector<BucketSummary>> parse_list_buckets(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return bad_xml("ListBuckets");
  pugi::xml_node root = doc.child("ListAllMyBucketsResult");
  if (!root) return bad_xml("ListBuckets");
  std::vector<BucketSummary> out;
  for (pugi::xml_node b : root.child("Buckets").children("Bucket")) {
    out.push_back({text(b, "Name"), text(b, "CreationDate"), text(b, "Location"),
                   text(b, "Region")});
  }
  return out;
}

Result<ListObjectsPage> parse_list_objects(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return bad_xml("ListObjectsV2");
  pugi::xml_node root = doc.child("ListBucketResult");
  if (!root) return bad_xml("ListObjectsV2");
  ListObjectsPage page;
  for (pugi::xml_node c : root.children("Contents")) {
    page.objects.push_back({text(c, "Key"), c.child("Size").text().as_ullong(), text(c, "ETag"),
                            text(c, "LastModified"), text(c, "StorageClass")});
  }
  for (pugi::xml_node p : root.children("CommonPrefixes")) {
    page.common_prefixes.push_back(text(p, "Prefix"));
  }
  page.is_truncated = text(root, "IsTruncated") == "true";
  page.next_continuation_token = text(root, "NextContinuationToken");
  return page;
}

}  // namespace ossd::sdk::detail
