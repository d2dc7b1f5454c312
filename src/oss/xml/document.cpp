#include "oss/xml/document.hpp"

#include <sstream>

namespace ossd::xml {
namespace {

// parse_ws_pcdata keeps whitespace-only text, so a key of " " survives <Key> </Key>.
constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata;

}  // namespace

pugi::xml_node start_document(pugi::xml_document& doc, const char* root_name) {
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  return doc.append_child(root_name);
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, std::string_view value) {
  auto node = parent.append_child(name);
  node.text().set(value.data(), value.size());
  return node;
}

std::string to_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

std::string quote_etag(std::string_view etag) {
  std::string out;
  out.reserve(etag.size() + 2);
  out.push_back('"');
  out.append(etag);
  out.push_back('"');
  return out;
}

bool parse_body(pugi::xml_document& doc, std::string_view body) {
  // parse_doctype keeps a <!DOCTYPE ...> (and the entity declarations inside it) as a node, so
  // it can be refused below: no OSS document has one, and a body that declares entities is an
  // attack on some parser (XXE, billion laughs) even though pugixml expands none of them.
  auto result = doc.load_buffer(body.data(), body.size(), kParseFlags | pugi::parse_doctype, pugi::encoding_utf8);
  if (!result) return false;
  // pugixml tolerates several top-level elements; XML (and OSS) allows exactly one.
  int elements = 0;
  for (auto child : doc.children()) {
    if (child.type() == pugi::node_doctype) return false;
    elements += child.type() == pugi::node_element ? 1 : 0;
  }
  return elements == 1;
}

}  // namespace ossd::xml
