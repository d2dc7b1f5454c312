#include "http/request_parser.hpp"

#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cstring>
#include <system_error>

namespace ossd::http {
namespace bhttp = boost::beast::http;

namespace {

// Runs `fn`, turning anything it throws (only std::bad_alloc in practice) into an error the
// parser reports, because an exception must never leave basic_parser::put().
template <class Fn>
void without_throwing(boost::system::error_code& ec, Fn fn) {
  try {
    fn();
  } catch (...) {
    ec = std::make_error_code(std::errc::not_enough_memory);
  }
}

}  // namespace

RequestParser::RequestParser(std::size_t field_limit) : field_limit_(field_limit) {
  header_limit(static_cast<std::uint32_t>(field_limit));
  body_limit(boost::none);  // the default (1 MiB) would refuse uploads; api/ bounds sizes
}

void RequestParser::on_request_impl(bhttp::verb, string_view method, string_view target, int version,
                                    error_code& ec) {
  without_throwing(ec, [&] {
    method_.assign(method.data(), method.size());
    target_.assign(target.data(), target.size());
    version_ = version;
  });
}

void RequestParser::on_response_impl(int, string_view, int, error_code& ec) { ec = bhttp::error::bad_version; }

void RequestParser::on_field_impl(bhttp::field, string_view name, string_view value, error_code& ec) {
  if (head_done_) {
    // A trailer field: Beast gathers the whole trailer section before calling this, bounded
    // only by the connection buffer, so the limit is applied here, field by field.
    trailer_bytes_ += name.size() + value.size() + 4;
    if (trailer_bytes_ > field_limit_) ec = bhttp::error::header_limit;
    return;
  }
  without_throwing(ec, [&] { headers_.add(std::string(name), std::string(value)); });
}

void RequestParser::on_header_impl(error_code&) { head_done_ = true; }

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) {}

std::size_t RequestParser::take_body(string_view body, error_code& ec) {
  const std::size_t room = dst_.size() - got_;
  if (room == 0) {
    ec = bhttp::error::need_buffer;
    return 0;
  }
  const std::size_t n = std::min(room, body.size());
  std::memcpy(dst_.data() + got_, body.data(), n);
  got_ += n;
  return n;
}

std::size_t RequestParser::on_body_impl(string_view body, error_code& ec) { return take_body(body, ec); }

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view extensions, error_code& ec) {
  if (extensions.size() > kMaxChunkExtension) ec = bhttp::error::bad_chunk_extension;
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) {
  return take_body(body, ec);
}

void RequestParser::on_finish_impl(error_code&) {}

}  // namespace ossd::http
