// Renders an ossd::Error as OSS's <Error> XML body (docs/spec/auth.md f.1).
#pragma once

#include "oss/errors.hpp"

#include <string>
#include <string_view>

namespace ossd::xml {

// <?xml ...?><Error><Code/><Message/><RequestId/><HostId/>{fields...}<EC/><RecommendDoc/></Error>
std::string render_error(const Error& error, std::string_view request_id, std::string_view host_id);

}  // namespace ossd::xml
