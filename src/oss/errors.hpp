// The OSS error model (see errors.def for the table). An Error is a code plus an optional
// message override plus the extra elements OSS adds to the <Error> body (BucketName, Key,
// StringToSign, ...). Functions that can fail return Result<T> = boost::system::result<T, Error>.
#pragma once

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd {

enum class ErrorCode {
#define OSSD_ERROR(name, status, code, message, ec) name,
#include "oss/errors.def"
#undef OSSD_ERROR
};

struct ErrorInfo {
  std::string_view name;     // enum name, e.g. "RequestExpired"
  int http_status;
  std::string_view code;     // OSS <Code>, e.g. "AccessDenied"
  std::string_view message;  // default <Message>
  std::string_view ec;       // default <EC>
};

const ErrorInfo& error_info(ErrorCode code);
// Every row of the table, in order (for docs/errors.md and table tests).
const std::vector<ErrorInfo>& all_errors();

struct Error {
  ErrorCode code = ErrorCode::InternalError;
  std::string message;  // empty: the table's default
  std::string ec;       // empty: the table's default
  // Extra <Error> children, in order, e.g. {"BucketName", "b"}.
  std::vector<std::pair<std::string, std::string>> fields;

  Error() = default;
  Error(ErrorCode c) : code(c) {}  // NOLINT: implicit on purpose, `return ErrorCode::NoSuchKey;`
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  Error& with(std::string name, std::string value) {
    fields.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  int http_status() const { return error_info(code).http_status; }
  std::string_view code_string() const { return error_info(code).code; }
  std::string_view message_or_default() const {
    return message.empty() ? error_info(code).message : std::string_view(message);
  }
  std::string_view ec_or_default() const { return ec.empty() ? error_info(code).ec : std::string_view(ec); }
};

// Lets result<T, Error>::value() throw (only used where an error is a bug).
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace ossd
