#include "auth/v1.hpp"

#include "common/digest.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {

std::string v1_string_to_sign(std::string_view method, std::string_view content_md5,
                              std::string_view content_type, std::string_view date_line,
                              std::string_view canonical_oss_headers,
                              std::string_view canonical_resource) {
  std::string out;
  out.append(method)
      .append("\n")
      .append(content_md5)
      .append("\n")
      .append(content_type)
      .append("\n");
  out.append(date_line).append("\n").append(canonical_oss_headers).append(canonical_resource);
  return out;
}

std::string v1_signature(std::string_view secret, std::string_view string_to_sign) {
  return base64_encode(hmac_sha1(secret, string_to_sign));
}

}  // namespace ossd::auth
