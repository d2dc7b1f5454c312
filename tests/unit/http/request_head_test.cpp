#include "http/request_head.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ossd::http {
namespace {

constexpr std::size_t kLimit = 16 * 1024;

std::string head(const std::string& fields) { return "PUT /b/k HTTP/1.1\r\nHost: h\r\n" + fields + "\r\n"; }

TEST(HeadScanner, States) {
  struct Case {
    std::string bytes;
    HeadState state;
    std::size_t length;
  } cases[] = {
      {"", HeadState::incomplete, 0},
      {"GET / HTTP/1.1\r\nHost: h\r\n", HeadState::incomplete, 0},
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", HeadState::complete, 27},
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\n\r\n", HeadState::complete, 27},  // pipelined
      {"GET / HTTP/1.1\r\n\r\n", HeadState::complete, 18},
      {"GET / HTTP/1.1\nHost: h\n\n", HeadState::malformed, 0},
      {"GET / HTTP/1.1\r\nHost: h\n\r\n", HeadState::malformed, 0},
      {"GET / HTTP/1.1\rHost: h\r\n\r\n", HeadState::malformed, 0},
      {"GET / HTTP/1.1\r", HeadState::incomplete, 0},  // the LF may still come
      {"GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", HeadState::malformed, 0},   // obs-fold
      {"GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n", HeadState::malformed, 0},
      {"GET /" + std::string(kLimit, 'k') + " HTTP/1.1\r\n\r\n", HeadState::too_large, 0},
      {"GET / HTTP/1.1\r\nX: " + std::string(kLimit, 'v'), HeadState::too_large, 0},
  };
  for (const auto& c : cases) {
    HeadScanner scanner(kLimit);
    HeadScan scan = scanner.scan(c.bytes);
    EXPECT_EQ(scan.state, c.state) << c.bytes.substr(0, 80);
    if (c.state == HeadState::complete) {
      EXPECT_EQ(scan.length, c.length) << c.bytes;
    }
  }
}

TEST(HeadScanner, ResumesWhereItStopped) {
  const std::string whole = head("X-A: 1\r\n");
  HeadScanner scanner(kLimit);
  for (std::size_t n = 0; n < whole.size(); ++n)
    ASSERT_EQ(scanner.scan(std::string_view(whole).substr(0, n)).state, HeadState::incomplete) << n;
  HeadScan scan = scanner.scan(whole);
  EXPECT_EQ(scan.state, HeadState::complete);
  EXPECT_EQ(scan.length, whole.size());
}

TEST(HeadScanner, BareLineEndSplitAcrossReads) {
  HeadScanner scanner(kLimit);
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\r").state, HeadState::incomplete);
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\rX").state, HeadState::malformed);
}

TEST(FramingOf, Rfc9112Rules) {
  struct Case {
    std::string fields;
    Framing framing;
  } cases[] = {
      {"", Framing::by_length},
      {"Content-Length: 5\r\n", Framing::by_length},
      {"Transfer-Encoding: chunked\r\n", Framing::chunked},
      {"transfer-encoding:   CHUNKED  \r\n", Framing::chunked},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", Framing::chunked_over_length},
      {"content-length: 5\r\nTransfer-Encoding: chunked\r\n", Framing::chunked_over_length},
      {"Transfer-Encoding: gzip, chunked\r\n", Framing::unsupported},
      {"Transfer-Encoding: chunked, chunked\r\n", Framing::unsupported},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", Framing::unsupported},
      {"Transfer-Encoding: identity\r\n", Framing::unsupported},
      {"Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n", Framing::unsupported},
      {"Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n", Framing::unsupported},
      {"Transfer-Encoding:\r\n", Framing::unsupported},
      {"X-Transfer-Encoding: gzip\r\n", Framing::by_length},
      {"Transfer-Encoding-X: gzip\r\n", Framing::by_length},
  };
  for (const auto& c : cases) EXPECT_EQ(framing_of(head(c.fields)), c.framing) << c.fields;
}

TEST(WithoutContentLength, DropsOnlyThatField) {
  EXPECT_EQ(without_content_length(head("Content-Length: 5\r\nTransfer-Encoding: chunked\r\ncontent-length: 5\r\n")),
            head("Transfer-Encoding: chunked\r\n"));
  EXPECT_EQ(without_content_length(head("X-Content-Length: 5\r\n")), head("X-Content-Length: 5\r\n"));
}

TEST(HasBareLineEnd, FromAnOffset) {
  EXPECT_FALSE(has_bare_line_end("5\r\nhello\r\n0\r\n\r\n"));
  EXPECT_TRUE(has_bare_line_end("5\nhello"));
  EXPECT_TRUE(has_bare_line_end("5\rh"));
  EXPECT_FALSE(has_bare_line_end("5\r"));          // the LF may still come
  EXPECT_FALSE(has_bare_line_end("5\r\n0\r\n", 3));  // the LF at 2 was checked with its CR
  EXPECT_FALSE(has_bare_line_end("5\r\n", 2));     // resumes on the CR whose LF came later
  EXPECT_TRUE(has_bare_line_end("5\rx", 2));
}

}  // namespace
}  // namespace ossd::http
