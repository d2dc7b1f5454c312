// The router and query decoding (api/router.cpp): the request line and headers of a request
// (fuzz_request.hpp) go through api::route as http/ hands them over, then through the
// path-style re-reading of rule g.2.6 that dispatch.cpp applies.
#include "api/router.hpp"
#include "fuzz_request.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ossd;
  fuzz::TextRequest r = fuzz::parse_text_request(fuzz::as_view(data, size));
  static const api::RouterConfig config{"cn-hangzhou", {"localhost", "example.com"}};
  auto route = api::route(r.method, r.headers.get("host"), r.path, r.query, r.headers, config);
  auto query = api::parse_query(r.query);
  // route() decodes the query with parse_query: the two must agree.
  if (route.has_value() && !query.has_value()) std::abort();
  if (query && !query->empty()) (void)api::query_value(*query, query->front().first);
  if (!route) return 0;
  (void)api::operation_name(route->op);
  if (route->path_style_alternative) {
    api::Route alt = *route;
    (void)api::use_path_style_alternative(alt, r.method, r.headers);
  }
  return 0;
}
