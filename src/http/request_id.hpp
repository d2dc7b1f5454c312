// x-oss-request-id values: 24 uppercase hex characters, unique per process run.
#pragma once

#include <string>

namespace ossd::http {

std::string new_request_id();

}  // namespace ossd::http
