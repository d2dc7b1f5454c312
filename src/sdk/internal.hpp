// SDK internals shared by the client, presign and response files: turning the public option
// structs into the auth/ signer's SignOptions, and reading OSS's XML answers. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "auth/presign.hpp"
#include "ossd/client.hpp"
#include "ossd/credentials.hpp"
#include "ossd/error.hpp"

namespace ossd::sdk::detail {

// Endpoint, region, addressing and scheme of `options` for a request on bucket/key.
auth::SignOptions sign_options(const ClientOptions& options, std::string method,
                               std::string bucket, std::string key);
auth::Credentials auth_credentials(const Credentials& credentials);

// scheme://host/path?query for a request (query pairs decoded; encoded here).
std::string request_url(const auth::SignOptions& options);

// The Error of a non-2xx response: body XML, else the base64 XML of x-oss-err (HEAD), else the
// status alone; RequestId falls back to the x-oss-request-id header.
Error error_from_response(const HttpResponse& response);

Result<std::vector<BucketSummary>> parse_list_buckets(const std::string& xml);
Result<ListObjectsPage> parse_list_objects(const std::string& xml);

}  // namespace ossd::sdk::detail
