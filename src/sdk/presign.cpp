#include "ossd/presign.hpp"

#include "internal.hpp"

namespace ossd::sdk {

Result<std::string> presign_url(const ClientOptions& options, const PresignRequest& r) {
  auth::SignOptions s = detail::sign_options(options, r.method, r.bucket, r.key);
  s.expires_s = r.expires_s;
  s.signing_time_s = r.signing_time_s;
  for (const auto& [name, value] : r.headers) s.headers.add(name, value);
  s.queries = r.queries;
  s.additional_headers = r.additional_headers;
  const auth::Credentials creds = detail::auth_credentials(options.credentials);
  auto signed_url = r.version == SignatureVersion::V4 ? auth::presign_v4(creds, s)
                                                      : auth::presign_v1(creds, s);
  if (!signed_url) {
    return local_error(Error::kInvalidArgument,
                       std::string(signed_url.error().message_or_default()));
  }
  return std::move(signed_url->url);
}

}  // namespace ossd::sdk
