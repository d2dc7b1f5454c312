// V4 Authorization header and presigned-query parsing and verification (auth/verify_v4.cpp,
// canonical.cpp, v4.cpp), and V4 signing of the same request (auth/presign.cpp).
#include "auth_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ossd::fuzz::auth_one_input(data, size, true);
}
