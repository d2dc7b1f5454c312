// The request parser of a connection: Beast's basic_parser (the HTTP/1.1 tokenizer) with our
// own storage. Fields go straight into an ossd::Headers (no Beast basic_fields, whose 16-bit
// offsets throw std::length_error on a field over 64 KiB: issue 11); body bytes go into a
// buffer the caller lends for each piece (like Beast's buffer_body). Limits are enforced here
// as error codes, never exceptions:
//   - trailer fields count against the same limit as the head (Beast bounds only the head);
//   - chunk extensions are refused above kMaxChunkExtension (Beast bounds neither).
// Every callback catches whatever its own work throws (bad_alloc) and turns it into an error,
// so put() never throws. One parser per message. Internal to http/; not thread-safe.
#pragma once

#include "common/headers.hpp"

#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace ossd::http {

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  // Largest chunk extension accepted (ossd reads none; clients send none or a few bytes).
  static constexpr std::size_t kMaxChunkExtension = 1024;

  // `field_limit`: bytes allowed for the head and, separately, for the trailer section.
  explicit RequestParser(std::size_t field_limit);

  // Where the next body bytes go; put() stops with error::need_buffer when `dst` is full.
  void set_body_buffer(std::span<char> dst) {
    dst_ = dst;
    got_ = 0;
  }
  std::size_t body_received() const { return got_; }

  const std::string& method() const { return method_; }
  const std::string& target() const { return target_; }
  int version() const { return version_; }
  // The head's fields (trailer fields are counted, then dropped: api/ reads none).
  Headers& headers() { return headers_; }

 private:
  using error_code = boost::system::error_code;
  using string_view = boost::beast::string_view;

  void on_request_impl(boost::beast::http::verb, string_view method, string_view target, int version,
                       error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code& ec) override;
  void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  std::size_t take_body(string_view body, error_code& ec);

  std::size_t field_limit_;
  std::string method_;
  std::string target_;
  int version_ = 11;
  Headers headers_;
  bool head_done_ = false;
  std::size_t trailer_bytes_ = 0;
  std::span<char> dst_;
  std::size_t got_ = 0;
};

}  // namespace ossd::http
