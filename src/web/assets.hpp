// The files of src/web/ (the upload page), compiled into the binary by embed.cmake. Immutable
// static data: thread-safe.
#pragma once

#include <string_view>

namespace ossd::web {

struct Asset {
  std::string_view name;          // file name, e.g. "upload.js"
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view body;
};

// The asset with this file name, or nullptr.
const Asset* find_asset(std::string_view name);

}  // namespace ossd::web
