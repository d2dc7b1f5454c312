#include "oss/xml/error_xml.hpp"

#include "oss/xml/document.hpp"

namespace ossd::xml {

std::string render_error(const Error& error, std::string_view request_id, std::string_view host_id) {
  pugi::xml_document doc;
  auto root = start_document(doc, "Error");
  add_text(root, "Code", error.code_string());
  add_text(root, "Message", error.message_or_default());
  add_text(root, "RequestId", request_id);
  add_text(root, "HostId", host_id);
  for (const auto& [name, value] : error.fields) add_text(root, name.c_str(), value);
  // docs/spec/auth.md f.1: EC, then RecommendDoc pointing at the troubleshooting page.
  std::string_view ec = error.ec_or_default();
  if (!ec.empty()) {
    add_text(root, "EC", ec);
    add_text(root, "RecommendDoc", std::string("https://api.aliyun.com/troubleshoot?q=").append(ec));
  }
  return to_string(doc);
}

}  // namespace ossd::xml
