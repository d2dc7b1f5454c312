#include "http/request_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ossd::http {
namespace {
namespace bhttp = boost::beast::http;

constexpr std::size_t kLimit = 16 * 1024;

// Feeds `bytes` to `p` through a body buffer of `piece` bytes, collecting the body, until the
// message is done or an error other than need_buffer.
boost::system::error_code feed(RequestParser& p, std::string_view bytes, std::string& body, std::size_t piece = 7) {
  std::vector<char> buf(piece);
  p.eager(true);
  while (!p.is_done()) {
    p.set_body_buffer(buf);
    boost::system::error_code ec;
    std::size_t used = p.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    body.append(buf.data(), p.body_received());
    if (ec == bhttp::error::need_buffer) continue;
    if (ec) return ec;
  }
  return {};
}

TEST(RequestParser, HeadFieldsAndContentLengthBody) {
  RequestParser p(kLimit);
  std::string body;
  EXPECT_FALSE(feed(p, "put /b/k?acl HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 11\r\n\r\nhello world", body));
  EXPECT_EQ(p.method(), "put");
  EXPECT_EQ(p.target(), "/b/k?acl");
  EXPECT_EQ(p.version(), 11);
  EXPECT_EQ(p.headers().all("x-a").size(), 2u);
  EXPECT_EQ(body, "hello world");
}

TEST(RequestParser, ChunkedBodyWithSmallTrailer) {
  RequestParser p(kLimit);
  std::string body;
  EXPECT_FALSE(feed(p, "PUT /b/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;a=b\r\n world\r\n0\r\nX-T: v\r\n\r\n", body));
  EXPECT_EQ(body, "hello world");
  EXPECT_FALSE(p.headers().has("x-t"));  // trailers are counted, not kept
}

TEST(RequestParser, TrailerOver64KiBIsAnErrorNotAThrow) {
  // Beast's basic_fields threw std::length_error here (issue 11).
  RequestParser p(kLimit);
  std::string body;
  std::string msg = "PUT /b/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: " +
                    std::string(100 * 1024, 't') + "\r\n\r\n";
  EXPECT_EQ(feed(p, msg, body), bhttp::error::header_limit);
}

TEST(RequestParser, TrailerSectionCountsAgainstTheLimit) {
  RequestParser p(kLimit);
  std::string body;
  std::string trailers;
  for (int i = 0; i < 2000; ++i) trailers += "X-T" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(feed(p, "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + trailers + "\r\n", body),
            bhttp::error::header_limit);
}

TEST(RequestParser, LongChunkExtensionIsRefused) {
  RequestParser p(kLimit);
  std::string body;
  std::string ext(RequestParser::kMaxChunkExtension + 1, 'e');
  EXPECT_EQ(feed(p, "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;" + ext + "\r\nhello\r\n0\r\n\r\n", body),
            bhttp::error::bad_chunk_extension);
  RequestParser last(kLimit);
  EXPECT_EQ(feed(last, "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0;" + ext + "\r\n\r\n", body),
            bhttp::error::bad_chunk_extension);
}

TEST(RequestParser, NoBodyLimit) {
  // Beast's default request body_limit (1 MiB) would refuse a large upload at the head.
  RequestParser p(kLimit);
  boost::system::error_code ec;
  std::string head = "PUT / HTTP/1.1\r\nContent-Length: 5368709120\r\n\r\n";
  EXPECT_EQ(p.put(boost::asio::buffer(head), ec), head.size());
  EXPECT_FALSE(ec);
  EXPECT_EQ(p.content_length().value(), 5368709120u);
}

}  // namespace
}  // namespace ossd::http
