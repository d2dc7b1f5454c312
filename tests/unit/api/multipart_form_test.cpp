// The streaming multipart/form-data parser: the same events whatever the read sizes (every
// split position of a form, byte-by-byte, 3-way splits), bounded buffering on a large file,
// syntax errors, limits, and the boundary parameter.
#include "api/multipart_form.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ossd::api {
namespace {

// Records what the parser reports, as one comparable transcript.
struct Recorder final : FormSink {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string filename, file_type, file;
  int file_begins = 0, file_ends = 0;
  std::size_t largest_chunk = 0;

  Result<void> on_field(std::string name, std::string value) override {
    fields.emplace_back(std::move(name), std::move(value));
    return {};
  }
  Result<void> on_file_begin(std::string_view name, std::string_view type) override {
    ++file_begins;
    filename = name;
    file_type = type;
    return {};
  }
  Result<void> on_file_data(std::string_view bytes) override {
    EXPECT_FALSE(bytes.empty());
    largest_chunk = std::max(largest_chunk, bytes.size());
    file.append(bytes);
    return {};
  }
  Result<void> on_file_end() override {
    ++file_ends;
    return {};
  }
};

constexpr std::string_view kBoundary = "----WebKitFormBoundaryx7Hq";

std::string field_part(std::string_view name, std::string_view value) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
         "\"\r\n\r\n" + std::string(value) + "\r\n";
}

// A browser-like form whose file content is full of near-boundaries.
std::string sample_form(std::string_view file) {
  std::string body = "preamble to ignore\r\n";
  body += field_part("key", "user/${filename}");
  body += field_part("x-oss-meta-note", "line1\r\nline2\r\n--not-the-boundary");
  body += field_part("empty", "");
  body += "--" + std::string(kBoundary) +
          "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n"
          "Content-Type: text/plain\r\n\r\n";
  body += file;
  body += "\r\n--" + std::string(kBoundary) + "--\r\nepilogue";
  return body;
}

const std::string kTrickyFile = std::string("\r\n--") + std::string(kBoundary.substr(0, 10)) + "\r\r\n-\r\n--" +
                                std::string(kBoundary.substr(0, kBoundary.size() - 1)) + "x" + std::string(1, '\0') +
                                "tail\r";

void expect_sample(const Recorder& r) {
  ASSERT_EQ(r.fields.size(), 3u);
  EXPECT_EQ(r.fields[0], (std::pair<std::string, std::string>{"key", "user/${filename}"}));
  EXPECT_EQ(r.fields[1].second, "line1\r\nline2\r\n--not-the-boundary");
  EXPECT_EQ(r.fields[2].second, "");
  EXPECT_EQ(r.file_begins, 1);
  EXPECT_EQ(r.file_ends, 1);
  EXPECT_EQ(r.filename, "a \"b\".txt");
  EXPECT_EQ(r.file_type, "text/plain");
  EXPECT_EQ(r.file, kTrickyFile);
}

Result<void> parse_in_pieces(std::string_view body, const std::vector<std::size_t>& cuts, Recorder& r) {
  MultipartParser p(std::string(kBoundary), r);
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    if (auto ok = p.feed(body.substr(at, cut - at)); !ok) return ok;
    at = cut;
  }
  if (auto ok = p.feed(body.substr(at)); !ok) return ok;
  return p.finish();
}

TEST(MultipartFormTest, WholeBody) {
  Recorder r;
  ASSERT_TRUE(parse_in_pieces(sample_form(kTrickyFile), {}, r).has_value());
  expect_sample(r);
}

TEST(MultipartFormTest, EverySplitPosition) {
  const std::string body = sample_form(kTrickyFile);
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    SCOPED_TRACE("split at " + std::to_string(cut));
    Recorder r;
    ASSERT_TRUE(parse_in_pieces(body, {cut}, r).has_value());
    expect_sample(r);
  }
}

TEST(MultipartFormTest, EveryPairOfSplitPositionsAroundTheFile) {
  const std::string body = sample_form(kTrickyFile);
  const std::size_t file_at = body.find(kTrickyFile);
  // Both cuts within the file and its closing delimiter, where carry-over matters most.
  for (std::size_t a = file_at - 2; a < body.size(); ++a) {
    for (std::size_t b = a; b <= body.size(); b += 3) {
      Recorder r;
      ASSERT_TRUE(parse_in_pieces(body, {a, b}, r).has_value()) << a << "," << b;
      ASSERT_EQ(r.file, kTrickyFile) << a << "," << b;
    }
  }
}

TEST(MultipartFormTest, ByteByByte) {
  const std::string body = sample_form(kTrickyFile);
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < body.size(); ++i) cuts.push_back(i);
  Recorder r;
  ASSERT_TRUE(parse_in_pieces(body, cuts, r).has_value());
  expect_sample(r);
}

TEST(MultipartFormTest, LargeFileStreamsWithBoundedBuffering) {
  std::string file(4 * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<char>((i * 2654435761u) >> 13);
  const std::string body = sample_form(file);
  Recorder r;
  MultipartParser p(std::string(kBoundary), r);
  std::size_t most_buffered = 0;
  for (std::size_t at = 0; at < body.size(); at += 65536) {
    ASSERT_TRUE(p.feed(std::string_view(body).substr(at, 65536)).has_value());
    most_buffered = std::max(most_buffered, p.buffered_bytes());
  }
  ASSERT_TRUE(p.finish().has_value());
  EXPECT_EQ(r.file.size(), file.size());
  EXPECT_TRUE(r.file == file);
  EXPECT_LE(r.largest_chunk, 65536u);
  // The parser never keeps more than a part header's worth between reads.
  EXPECT_LT(most_buffered, 1024u);
}

TEST(MultipartFormTest, EmptyFileAndNoPreamble) {
  std::string body = field_part("key", "k") + "--" + std::string(kBoundary) +
                     "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--" + std::string(kBoundary) + "--";
  Recorder r;
  ASSERT_TRUE(parse_in_pieces(body, {}, r).has_value());
  EXPECT_EQ(r.file_begins, 1);
  EXPECT_EQ(r.file, "");
  EXPECT_EQ(r.filename, "");
  EXPECT_EQ(r.file_type, "");
}

TEST(MultipartFormTest, PartsAfterTheFileAreIgnored) {
  std::string body = "--" + std::string(kBoundary) +
                     "\r\nContent-Disposition: form-data; name=\"FILE\"; filename=x\r\n\r\nabc\r\n" +
                     field_part("key", "late") + "--" + std::string(kBoundary) +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"y\"\r\n\r\nsecond\r\n--" +
                     std::string(kBoundary) + "--\r\n";
  Recorder r;
  ASSERT_TRUE(parse_in_pieces(body, {}, r).has_value());
  EXPECT_TRUE(r.fields.empty());
  EXPECT_EQ(r.file_begins, 1);
  EXPECT_EQ(r.file, "abc");
  EXPECT_EQ(r.filename, "x");
}

TEST(MultipartFormTest, TransportPaddingAfterBoundary) {
  std::string body = "--" + std::string(kBoundary) + " \t\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" +
                     std::string(kBoundary) + "--";
  Recorder r;
  ASSERT_TRUE(parse_in_pieces(body, {}, r).has_value());
  ASSERT_EQ(r.fields.size(), 1u);
  EXPECT_EQ(r.fields[0].second, "1");
}

TEST(MultipartFormTest, MalformedBodies) {
  const std::string b(kBoundary);
  const std::vector<std::string> bodies = {
      "",                                                                   // nothing at all
      "no boundary anywhere",                                               // never starts
      field_part("key", "k"),                                               // no closing boundary
      "--" + b + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",  // truncated value
      "--" + b + "XY\r\n",                                                  // junk after the boundary
      "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nv\r\n--" + b + "--",  // part without a name
      "--" + b + "\r\nno colon here\r\n\r\nv\r\n--" + b + "--",              // bad header line
  };
  for (const auto& body : bodies) {
    SCOPED_TRACE(body);
    Recorder r;
    auto result = parse_in_pieces(body, {}, r);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::MalformedPOSTRequest);
  }
}

TEST(MultipartFormTest, HeaderBlockLimit) {
  Recorder r;
  MultipartParser p(std::string(kBoundary), r);
  ASSERT_TRUE(p.feed("--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ").has_value());
  std::string filler(4096, 'x');
  Result<void> last;
  for (int i = 0; i < 8 && last.has_value(); ++i) last = p.feed(filler);
  ASSERT_FALSE(last.has_value());
  EXPECT_EQ(last.error().code, ErrorCode::MalformedPOSTRequest);
}

// Found by post_object_fuzz (tests/fuzz/corpus/post_object/regress-header-block-at-limit-split):
// a part header block of exactly the limit was accepted whole but refused when a read ended
// inside its closing "\r\n\r\n" (the carry then exceeded the limit before the end was seen).
TEST(FuzzRegress, post_object_header_block_at_limit_split) {
  MultipartParser::Limits limits;
  limits.part_header = 64;
  std::string block = "Content-Disposition: form-data; name=\"a\"\r\nX: ";
  block += std::string(limits.part_header - block.size(), 'x');
  ASSERT_EQ(block.size(), limits.part_header);
  const std::string body = "--" + std::string(kBoundary) + "\r\n" + block + "\r\n\r\nvalue\r\n--" +
                           std::string(kBoundary) + "--\r\n";
  const std::size_t block_end = body.find(block) + block.size();
  for (std::size_t cut = block_end; cut <= block_end + 4; ++cut) {
    SCOPED_TRACE("split at block end + " + std::to_string(cut - block_end));
    Recorder r;
    MultipartParser p(std::string(kBoundary), r, limits);
    ASSERT_TRUE(p.feed(std::string_view(body).substr(0, cut)).has_value());
    ASSERT_TRUE(p.feed(std::string_view(body).substr(cut)).has_value());
    ASSERT_TRUE(p.finish().has_value());
    ASSERT_EQ(r.fields.size(), 1u);
    EXPECT_EQ(r.fields[0].second, "value");
  }
  // One byte more is refused, however the body is cut.
  const std::string over = std::string(body).insert(block_end, "x");
  for (std::size_t cut : {std::size_t{0}, block_end, block_end + 3, over.size()}) {
    Recorder r;
    MultipartParser p(std::string(kBoundary), r, limits);
    Result<void> ok = p.feed(std::string_view(over).substr(0, cut));
    if (ok) ok = p.feed(std::string_view(over).substr(cut));
    if (ok) ok = p.finish();
    ASSERT_FALSE(ok.has_value()) << cut;
    EXPECT_EQ(ok.error().code, ErrorCode::MalformedPOSTRequest);
  }
}

TEST(MultipartFormTest, FieldLimits) {
  MultipartParser::Limits limits;
  limits.field_names = 8;
  limits.field_values = 10;
  {
    Recorder r;
    MultipartParser p(std::string(kBoundary), r, limits);
    auto ok = p.feed(field_part("abcd", "1") + field_part("efghi", "2"));
    ASSERT_FALSE(ok.has_value());
    EXPECT_EQ(ok.error().code, ErrorCode::InvalidArgument);
  }
  {
    Recorder r;
    MultipartParser p(std::string(kBoundary), r, limits);
    auto ok = p.feed(field_part("a", "123456") + field_part("b", "78901"));
    ASSERT_FALSE(ok.has_value());
    EXPECT_EQ(ok.error().code, ErrorCode::InvalidArgument);
  }
  {
    Recorder r;  // exactly at the limits is fine
    MultipartParser p(std::string(kBoundary), r, limits);
    ASSERT_TRUE(p.feed(field_part("abcd", "12345") + field_part("efgh", "67890") + "--" + std::string(kBoundary) + "--")
                    .has_value());
    EXPECT_EQ(r.fields.size(), 2u);
  }
}

TEST(MultipartFormTest, SinkErrorStopsTheParser) {
  struct Refuser final : FormSink {
    int data_calls = 0;
    Result<void> on_field(std::string, std::string) override { return {}; }
    Result<void> on_file_begin(std::string_view, std::string_view) override { return {}; }
    Result<void> on_file_data(std::string_view) override {
      ++data_calls;
      return Error(ErrorCode::EntityTooLarge);
    }
    Result<void> on_file_end() override { return {}; }
  } sink;
  MultipartParser p(std::string(kBoundary), sink);
  auto ok = p.feed(sample_form(std::string(1000, 'z')));
  ASSERT_FALSE(ok.has_value());
  EXPECT_EQ(ok.error().code, ErrorCode::EntityTooLarge);
  EXPECT_EQ(sink.data_calls, 1);
}

TEST(MultipartFormTest, Boundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;BOUNDARY=\"a b;c\""), "a b;c");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=----x"), "----x");
  EXPECT_FALSE(multipart_boundary("multipart/form-data").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')).has_value());
}

}  // namespace
}  // namespace ossd::api
