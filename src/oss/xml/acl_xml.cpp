#include "oss/xml/acl_xml.hpp"

#include "oss/xml/document.hpp"

namespace ossd::xml {

bool is_valid_bucket_acl(std::string_view acl) {
  return acl == "private" || acl == "public-read" || acl == "public-read-write";
}

std::string render_access_control_policy(std::string_view owner_id, std::string_view grant) {
  pugi::xml_document doc;
  auto root = start_document(doc, "AccessControlPolicy");
  auto owner = root.append_child("Owner");
  add_text(owner, "ID", owner_id);
  add_text(owner, "DisplayName", owner_id);
  add_text(root.append_child("AccessControlList"), "Grant", grant);
  return to_string(doc);
}

}  // namespace ossd::xml
