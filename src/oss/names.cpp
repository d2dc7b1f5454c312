#include "oss/names.hpp"

#include "common/encoding.hpp"

namespace ossd {
namespace {

// docs/oss-behaviour.md "Object names": OSS's limit is 1023 bytes.
constexpr std::size_t kMaxKeyBytes = 1023;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

Error invalid_name(std::string message, const char* ec) {
  Error e(ErrorCode::InvalidObjectName, std::move(message));
  e.ec = ec;
  return e;
}

}  // namespace

bool is_valid_bucket_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back())) return false;
  for (char c : name) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

Result<void> check_object_name(std::string_view key) {
  // OSS answers every object-name problem with Code InvalidObjectName and tells them apart
  // only by EC and message (docs/oss-behaviour.md "Object names"), so KeyTooLong is unused.
  if (key.empty()) return invalid_name("The Object name can not be empty.", "0016-00000001");
  if (key.size() > kMaxKeyBytes) {
    return invalid_name("The Length of Object name must be less than 1024.", "0016-00000002");
  }
  if (!is_valid_utf8(key)) return invalid_name("The specified object is not valid.", "0016-00000002");
  if (key.front() == '/' || key.front() == '\\') {
    return invalid_name("The specified object is not valid.", "0016-00000005");
  }
  // OSS accepts control characters 0x01-0x1F in keys (its SDK tests list such keys); a NUL is
  // ossd's own refusal, so no C-string API in a backend can ever truncate a key.
  if (key.find('\0') != std::string_view::npos) {
    return invalid_name("The specified object is not valid.", "0016-00000002");
  }
  return {};
}

}  // namespace ossd
