#include "oss/xml/acl_xml.hpp"

#include <pugixml.hpp>

#include <sstream>

namespace ossd::xml {

bool is_valid_bucket_acl(std::string_view acl) {
  return acl == "private" || acl == "public-read" || acl == "public-read-write";
}

std::string render_access_control_policy(std::string_view owner_id, std::string_view grant) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("AccessControlPolicy");
  auto owner = root.append_child("Owner");
  owner.append_child("ID").text() = std::string(owner_id).c_str();
  owner.append_child("DisplayName").text() = std::string(owner_id).c_str();
  root.append_child("AccessControlList").append_child("Grant").text() = std::string(grant).c_str();
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace ossd::xml
