// Small pugixml helpers shared by the oss/xml/*.cpp renderers and parsers (internal to
// ossd_oss). Every OSS response body starts with the same declaration and is written
// without indentation, so both live here once.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace ossd::xml {

// Adds <?xml version="1.0" encoding="UTF-8"?> and the root element; returns the root.
pugi::xml_node start_document(pugi::xml_document& doc, const char* root_name);

// Appends <name>value</name> to `parent` (value may hold any bytes, including NUL).
pugi::xml_node add_text(pugi::xml_node parent, const char* name, std::string_view value);

// The document as one line (format_raw), declaration included.
std::string to_string(const pugi::xml_document& doc);

// "ABC" -> "\"ABC\"": listings and CopyObjectResult show ETags quoted, as OSS does.
std::string quote_etag(std::string_view etag);

// Parses a request body. False on malformed XML, on a DOCTYPE (entity declarations) and on
// anything but exactly one root element (the caller answers MalformedXML).
bool parse_body(pugi::xml_document& doc, std::string_view body);

}  // namespace ossd::xml
