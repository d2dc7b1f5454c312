#include "oss/errors.hpp"

#include <stdexcept>

namespace ossd {

const std::vector<ErrorInfo>& all_errors() {
  static const std::vector<ErrorInfo> table = {
#define OSSD_ERROR(name, status, code, message, ec) {#name, status, code, message, ec},
#include "oss/errors.def"
#undef OSSD_ERROR
  };
  return table;
}

const ErrorInfo& error_info(ErrorCode code) { return all_errors()[static_cast<std::size_t>(code)]; }

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::runtime_error(std::string(e.code_string()) + ": " + std::string(e.message_or_default()));
}

}  // namespace ossd
