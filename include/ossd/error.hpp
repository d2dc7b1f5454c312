// The error model of the ossd C++ SDK: every operation returns Result<T>, either the value or an
// Error that carries what OSS said (<Code>, <Message>, <RequestId>, HTTP status) or, with
// status 0, why no answer was obtained (connection refused, file not readable, bad argument).
// Plain values; thread-safe to copy and read.
#pragma once

#include <boost/system/result.hpp>

#include <string>

namespace ossd::sdk {

struct Error {
  // Declared so Error is not an aggregate: otherwise Result<int64_t> could not tell an int
  // value from an Error built from it (C++20 parenthesised aggregate initialisation).
  Error() = default;

  int status = 0;          // HTTP status; 0: no HTTP answer (local or transport failure)
  std::string code;        // OSS <Code> ("NoSuchKey"), or a local code (see below)
  std::string message;     // OSS <Message>, or what went wrong locally
  std::string request_id;  // <RequestId>, else the x-oss-request-id header
  std::string host_id;     // <HostId>
  std::string ec;          // <EC>, else the x-oss-ec header

  // Local codes, used when status is 0.
  static constexpr const char* kTransport = "TransportError";  // libcurl failed
  static constexpr const char* kInvalidArgument = "InvalidArgument";
  static constexpr const char* kIo = "IoError";  // local file could not be read or written

  // "NoSuchKey (404): The specified key does not exist. RequestId: 5C3D..."
  std::string to_string() const;
};

// Lets Result<T>::value() throw std::runtime_error with to_string() (found by ADL).
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

// A local failure (status 0).
Error local_error(std::string code, std::string message);

}  // namespace ossd::sdk
