// Range header parsing (oss/range.cpp) as GetObject calls it: the header value, the object
// size and x-oss-range-behavior: standard come from the input. A range it returns must lie
// inside the object.
#include "oss/range.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  // Integrals come from the end of the input, so a seed is the header text plus 9 bytes.
  const uint64_t object_size = in.ConsumeIntegral<uint64_t>();
  const bool standard = in.ConsumeBool();
  const std::string header = in.ConsumeRemainingBytesAsString();
  auto range = ossd::parse_range(header, object_size, standard);
  if (range && *range) {
    const ossd::ByteRange& r = **range;
    if (r.first > r.last || r.last >= object_size || r.length() == 0) std::abort();
  }
  return 0;
}
