#include "ossd/error.hpp"

#include <stdexcept>

namespace ossd::sdk {

std::string Error::to_string() const {
  std::string out = code.empty() ? "Error" : code;
  if (status != 0) out += " (" + std::to_string(status) + ")";
  if (!message.empty()) out += ": " + message;
  if (!request_id.empty()) out += " RequestId: " + request_id;
  return out;
}

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::runtime_error(e.to_string());
}

Error local_error(std::string code, std::string message) {
  Error e;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

}  // namespace ossd::sdk
