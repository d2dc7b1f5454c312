#include "oss/xml/object_xml.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/xml/document.hpp"

namespace ossd::xml {
namespace {

// DeleteMultipleObjects takes at most 1000 keys per request.
constexpr std::size_t kMaxDeleteKeys = 1000;

Error malformed(std::string message) { return Error(ErrorCode::MalformedXML, std::move(message)); }

Error invalid_key() {
  Error e(ErrorCode::InvalidArgument, "The Key of an Object in the Delete request is not valid UTF-8.");
  e.ec = "0016-00000614";  // OSS's page for an invalid Key in a DeleteMultipleObjects body
  return e;
}

}  // namespace

Result<DeleteRequest> parse_delete_request(std::string_view body) {
  pugi::xml_document doc;
  if (!parse_body(doc, body)) return malformed("");
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "Delete") return malformed("");
  DeleteRequest req;
  req.quiet = iequals(trim(root.child_value("Quiet")), "true");
  for (auto object : root.children("Object")) {
    auto key = object.child("Key");
    // An Object without a Key, or with an empty one, names nothing: the document is invalid.
    if (!key || key.text().empty()) return malformed("");
    if (req.keys.size() == kMaxDeleteKeys) return malformed("The number of objects to delete exceeds the limit of 1000.");
    std::string_view name = key.text().get();
    // Object names are UTF-8 (docs/oss-behaviour.md, DeleteMultipleObjects).
    if (!is_valid_utf8(name)) return invalid_key();
    req.keys.emplace_back(name);
  }
  if (req.keys.empty()) return malformed("");
  return req;
}

std::string render_delete_result(const std::vector<std::string>& deleted_keys, bool url_encode) {
  pugi::xml_document doc;
  auto root = start_document(doc, "DeleteResult");
  if (url_encode) add_text(root, "EncodingType", "url");
  for (const auto& key : deleted_keys) {
    add_text(root.append_child("Deleted"), "Key", url_encode ? uri_encode(key) : key);
  }
  return to_string(doc);
}

std::string render_copy_result(std::string_view etag, int64_t last_modified_ms) {
  pugi::xml_document doc;
  auto root = start_document(doc, "CopyObjectResult");
  add_text(root, "ETag", quote_etag(etag));
  add_text(root, "LastModified", format_iso8601_ms(last_modified_ms));
  return to_string(doc);
}

}  // namespace ossd::xml
