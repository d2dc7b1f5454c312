// DeleteMultipleObjects request/response and CopyObjectResult.
#include "oss/xml/object_xml.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ossd::xml {
namespace {

constexpr const char* kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

std::string delete_body(std::size_t n, bool quiet) {
  std::string body = "<Delete><Quiet>" + std::string(quiet ? "true" : "false") + "</Quiet>";
  for (std::size_t i = 0; i < n; ++i) body += "<Object><Key>k" + std::to_string(i) + "</Key></Object>";
  return body + "</Delete>";
}

TEST(ObjectXmlTest, ParseDeleteRequest) {
  auto r = parse_delete_request(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete>\n  <Quiet>true</Quiet>\n"
      "  <Object><Key>multipart.data</Key></Object>\n  <Object><Key>a&amp;b &lt;c&gt;</Key></Object>\n"
      "  <Object><Key> </Key></Object>\n</Delete>");
  ASSERT_TRUE(r.has_value()) << r.error().code_string();
  EXPECT_TRUE(r->quiet);
  EXPECT_EQ(r->keys, (std::vector<std::string>{"multipart.data", "a&b <c>", " "}));
}

TEST(ObjectXmlTest, ParseDeleteRequestQuietDefaultsToFalse) {
  auto r = parse_delete_request("<Delete><Object><Key>x</Key></Object></Delete>");
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->quiet);
  auto upper = parse_delete_request("<Delete><Quiet>TRUE</Quiet><Object><Key>x</Key></Object></Delete>");
  ASSERT_TRUE(upper.has_value());
  EXPECT_TRUE(upper->quiet);
}

TEST(ObjectXmlTest, ParseDeleteRequestLimit) {
  auto max = parse_delete_request(delete_body(1000, false));
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(max->keys.size(), 1000u);
  EXPECT_EQ(max->keys.back(), "k999");
  auto over = parse_delete_request(delete_body(1001, true));
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, ErrorCode::MalformedXML);
}

TEST(ObjectXmlTest, ParseDeleteRequestErrors) {
  const char* bodies[] = {
      "",
      "garbage",
      "<Delete>",
      "<Delete></Delete>",
      "<Delete><Quiet>true</Quiet></Delete>",
      "<Delete><Object></Object></Delete>",
      "<Delete><Object><Key></Key></Object></Delete>",
      "<Delete><Object><Key>a</Key></Object><Object><VersionId>1</VersionId></Object></Delete>",
      "<NotDelete><Object><Key>a</Key></Object></NotDelete>",
      "<Delete><Object><Key>a</Key></Object></Delete><Extra/>",
  };
  for (const char* body : bodies) {
    auto r = parse_delete_request(body);
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::MalformedXML) << body;
    EXPECT_EQ(r.error().http_status(), 400);
  }
}

// A DOCTYPE may declare entities (XXE, billion laughs): no OSS document has one, so every
// body that carries one is refused before anything in it is used.
TEST(ObjectXmlTest, ParseDeleteRequestRefusesDoctype) {
  const char* bodies[] = {
      "<!DOCTYPE Delete><Delete><Object><Key>a</Key></Object></Delete>",
      "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY x \"a\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
      "<!DOCTYPE Delete SYSTEM \"file:///etc/passwd\"><Delete><Object><Key>a</Key></Object></Delete>",
      "<!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><Delete><Object><Key>&b;</Key></Object></Delete>",
  };
  for (const char* body : bodies) {
    auto r = parse_delete_request(body);
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::MalformedXML) << body;
  }
}

TEST(ObjectXmlTest, ParseDeleteRequestRefusesKeysThatAreNotUtf8) {
  for (std::string key : {std::string("a\xff"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80")}) {
    auto r = parse_delete_request("<Delete><Object><Key>ok</Key></Object><Object><Key>" + key + "</Key></Object></Delete>");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().http_status(), 400);
  }
  auto utf8 = parse_delete_request("<Delete><Object><Key>\xe4\xb8\xad\xe6\x96\x87</Key></Object></Delete>");
  ASSERT_TRUE(utf8.has_value());
}

TEST(ObjectXmlTest, RenderDeleteResult) {
  EXPECT_EQ(render_delete_result({"a", "b/c d"}, false),
            std::string(kDecl) +
                "<DeleteResult><Deleted><Key>a</Key></Deleted><Deleted><Key>b/c d</Key></Deleted></DeleteResult>");
  EXPECT_EQ(render_delete_result({"b/c d"}, true),
            std::string(kDecl) +
                "<DeleteResult><EncodingType>url</EncodingType><Deleted><Key>b%2Fc%20d</Key></Deleted>"
                "</DeleteResult>");
  EXPECT_EQ(render_delete_result({}, false), std::string(kDecl) + "<DeleteResult/>");
}

TEST(ObjectXmlTest, RenderCopyResult) {
  EXPECT_EQ(render_copy_result("F2064A169EE92E9775EE5324D0B1682E", 1677231716000),
            std::string(kDecl) +
                "<CopyObjectResult><ETag>\"F2064A169EE92E9775EE5324D0B1682E\"</ETag>"
                "<LastModified>2023-02-24T09:41:56.000Z</LastModified></CopyObjectResult>");
}

}  // namespace
}  // namespace ossd::xml
