// The bucket CORS document (PutBucketCors / GetBucketCors): CORSConfiguration with up to ten
// CORSRule elements and ResponseVary.
#pragma once

#include "oss/cors.hpp"
#include "oss/errors.hpp"

#include <string>
#include <string_view>

namespace ossd::xml {

// MalformedXML for bad XML or a rule without AllowedOrigin/AllowedMethod; InvalidArgument for
// an unknown method, more than one '*' in an origin or header, or more than 10 rules.
Result<CorsConfiguration> parse_cors_configuration(std::string_view body);
std::string render_cors_configuration(const CorsConfiguration& config);

}  // namespace ossd::xml
