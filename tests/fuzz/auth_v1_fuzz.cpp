// V1 Authorization header and presigned-query parsing and verification (auth/verify_v1.cpp,
// canonical.cpp, v1.cpp), and V1 signing of the same request (auth/presign.cpp).
#include "auth_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ossd::fuzz::auth_one_input(data, size, false);
}
