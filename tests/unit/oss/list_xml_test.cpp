// ListObjects (v1) and ListObjectsV2 documents.
#include "oss/xml/list_xml.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

namespace ossd::xml {
namespace {

constexpr const char* kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
constexpr int64_t kModifiedMs = 1330072987000;  // 2012-02-24T08:43:07.000Z

storage::ObjectMeta object(std::string key, uint64_t size) {
  storage::ObjectMeta o;
  o.key = std::move(key);
  o.size = size;
  o.etag = "5B3C1A2E053D763E1B002CC607C5A0FE";
  o.last_modified_ms = kModifiedMs;
  return o;
}

std::vector<std::string> child_names(pugi::xml_node node) {
  std::vector<std::string> names;
  for (auto child : node.children()) names.emplace_back(child.name());
  return names;
}

TEST(ListXmlTest, V1ExactText) {
  ListObjectsParams p;
  p.bucket = "examplebucket";
  p.owner_id = "0022012";
  storage::ListPage page;
  page.objects = {object("fun/movie/001.avi", 344606)};
  EXPECT_EQ(render_list_objects_v1(p, page),
            std::string(kDecl) +
                "<ListBucketResult><Name>examplebucket</Name><Prefix></Prefix><Marker></Marker><MaxKeys>100</MaxKeys>"
                "<Delimiter></Delimiter><IsTruncated>false</IsTruncated><Contents><Key>fun/movie/001.avi</Key>"
                "<LastModified>2012-02-24T08:43:07.000Z</LastModified>"
                "<ETag>\"5B3C1A2E053D763E1B002CC607C5A0FE\"</ETag><Type>Normal</Type><Size>344606</Size>"
                "<StorageClass>Standard</StorageClass><Owner><ID>0022012</ID><DisplayName>0022012</DisplayName>"
                "</Owner></Contents></ListBucketResult>");
}

TEST(ListXmlTest, V1TruncatedWithPrefixesAndEncoding) {
  ListObjectsParams p;
  p.bucket = "b";
  p.prefix = "hello world!";
  p.marker = "hello ";
  p.delimiter = "/";
  p.max_keys = 2;
  p.url_encode = true;
  p.owner_id = "o";
  storage::ListPage page;
  page.objects = {object("hello world!/a b.txt", 1)};
  page.common_prefixes = {"hello world!/dir/"};
  page.truncated = true;
  page.next_marker = "hello world!/dir/";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_list_objects_v1(p, page).c_str()));
  auto root = doc.child("ListBucketResult");
  EXPECT_EQ(child_names(root),
            (std::vector<std::string>{"Name", "Prefix", "Marker", "MaxKeys", "Delimiter", "IsTruncated", "NextMarker",
                                      "EncodingType", "Contents", "CommonPrefixes"}));
  EXPECT_STREQ(root.child_value("Prefix"), "hello%20world%21");
  EXPECT_STREQ(root.child_value("Marker"), "hello%20");
  EXPECT_STREQ(root.child_value("Delimiter"), "%2F");
  EXPECT_STREQ(root.child_value("NextMarker"), "hello%20world%21%2Fdir%2F");
  EXPECT_STREQ(root.child_value("EncodingType"), "url");
  EXPECT_STREQ(root.child("Contents").child_value("Key"), "hello%20world%21%2Fa%20b.txt");
  EXPECT_STREQ(root.child("CommonPrefixes").child_value("Prefix"), "hello%20world%21%2Fdir%2F");
}

TEST(ListXmlTest, V1EscapesSpecialCharactersWithoutEncoding) {
  ListObjectsParams p;
  p.bucket = "b";
  storage::ListPage page;
  page.objects = {object("a&b<c>\"d'", 0)};
  std::string body = render_list_objects_v1(p, page);
  EXPECT_NE(body.find("<Key>a&amp;b&lt;c&gt;\"d'</Key>"), std::string::npos) << body;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(body.c_str()));
  EXPECT_STREQ(doc.child("ListBucketResult").child("Contents").child_value("Key"), "a&b<c>\"d'");
}

TEST(ListXmlTest, V2ExactText) {
  ListObjectsParams p;
  p.bucket = "examplebucket";
  p.prefix = "a/";
  p.delimiter = "/";
  p.max_keys = 2;
  p.owner_id = "o";
  storage::ListPage page;
  page.objects = {object("a/1", 3)};
  page.common_prefixes = {"a/b/"};
  page.truncated = true;
  EXPECT_EQ(render_list_objects_v2(p, page, "CgNhL2I-"),
            std::string(kDecl) +
                "<ListBucketResult><Name>examplebucket</Name><Prefix>a/</Prefix><MaxKeys>2</MaxKeys>"
                "<Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>"
                "<NextContinuationToken>CgNhL2I-</NextContinuationToken><KeyCount>2</KeyCount>"
                "<Contents><Key>a/1</Key><LastModified>2012-02-24T08:43:07.000Z</LastModified>"
                "<ETag>\"5B3C1A2E053D763E1B002CC607C5A0FE\"</ETag><Type>Normal</Type><Size>3</Size>"
                "<StorageClass>Standard</StorageClass></Contents>"
                "<CommonPrefixes><Prefix>a/b/</Prefix></CommonPrefixes></ListBucketResult>");
}

TEST(ListXmlTest, V2OptionalElementsAndOwner) {
  ListObjectsParams p;
  p.bucket = "b";
  p.marker = "start after";
  p.continuation_token = "tok";
  p.url_encode = true;
  p.fetch_owner = true;
  p.owner_id = "1234";
  storage::ListPage page;
  page.objects = {object("k 1", 1), object("k 2", 2)};
  page.objects[1].object_type = "Multipart";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_list_objects_v2(p, page, "ignored").c_str()));
  auto root = doc.child("ListBucketResult");
  EXPECT_EQ(child_names(root),
            (std::vector<std::string>{"Name", "Prefix", "StartAfter", "ContinuationToken", "MaxKeys", "Delimiter",
                                      "IsTruncated", "KeyCount", "EncodingType", "Contents", "Contents"}));
  EXPECT_STREQ(root.child_value("StartAfter"), "start%20after");
  EXPECT_STREQ(root.child_value("ContinuationToken"), "tok");
  EXPECT_STREQ(root.child_value("KeyCount"), "2");
  auto second = root.child("Contents").next_sibling("Contents");
  EXPECT_STREQ(second.child_value("Key"), "k%202");
  EXPECT_STREQ(second.child_value("Type"), "Multipart");
  EXPECT_STREQ(second.child("Owner").child_value("ID"), "1234");
  EXPECT_STREQ(second.child("Owner").child_value("DisplayName"), "1234");
}

TEST(ListXmlTest, V2EmptyPage) {
  ListObjectsParams p;
  p.bucket = "b";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_list_objects_v2(p, {}, "").c_str()));
  auto root = doc.child("ListBucketResult");
  EXPECT_STREQ(root.child_value("KeyCount"), "0");
  EXPECT_STREQ(root.child_value("IsTruncated"), "false");
  EXPECT_FALSE(root.child("Contents"));
  EXPECT_FALSE(root.child("NextContinuationToken"));
}

}  // namespace
}  // namespace ossd::xml
