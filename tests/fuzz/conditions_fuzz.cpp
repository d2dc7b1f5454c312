// If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since (oss/conditions.cpp) and
// their x-oss-copy-source-if-* twins, read from a request (fuzz_request.hpp) and evaluated as
// GetObject and CopyObject do; and the date parsers they use (common/time.cpp), whose results
// must survive a format/parse round trip.
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "fuzz_request.hpp"
#include "oss/conditions.hpp"

#include <cstdlib>

namespace {

void check_date_roundtrip(std::string_view text) {
  using namespace ossd;
  if (auto t = parse_http_date(text); t && *t >= 0 && *t < 253402300800) {  // years 1970..9999
    if (parse_rfc1123(format_rfc1123(*t)) != t) std::abort();
  }
  if (auto t = parse_iso8601(text); t && *t >= 0 && *t < 253402300800) {
    if (parse_iso8601(format_iso8601_ms(*t * 1000)) != t) std::abort();
  }
  if (auto t = parse_iso8601_basic(text); t && *t >= 0 && *t < 253402300800) {
    if (parse_iso8601_basic(format_iso8601_basic(*t)) != t) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ossd;
  fuzz::TextRequest r = fuzz::parse_text_request(fuzz::as_view(data, size));
  constexpr std::string_view kEtag = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
  for (bool copy_source : {false, true}) {
    Conditions c = read_conditions(r.headers, copy_source);
    (void)evaluate_conditions(c, kEtag, fuzz::kNowS);
    (void)evaluate_conditions(c, trim(c.if_match), 0);
  }
  for (const auto& [name, value] : r.headers) check_date_roundtrip(value);
  return 0;
}
