// Service and bucket documents: ListBuckets, GetBucketInfo, GetBucketLocation, PutBucket body.
#include "oss/xml/bucket_xml.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

namespace ossd::xml {
namespace {

constexpr const char* kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
constexpr int64_t kCreatedMs = 1392660763000;  // 2014-02-17T18:12:43.000Z

storage::BucketInfo bucket(std::string name, std::string region) {
  storage::BucketInfo b;
  b.name = std::move(name);
  b.region = std::move(region);
  b.owner = "51264";
  b.created_ms = kCreatedMs;
  return b;
}

TEST(BucketXmlTest, ListBucketsComplete) {
  ListBucketsResult r;
  r.owner = {"51264", "51264"};
  r.buckets = {bucket("app-base-oss", "cn-shanghai")};
  r.extranet_endpoint_suffix = "aliyuncs.com";
  EXPECT_EQ(render_list_buckets(r),
            std::string(kDecl) +
                "<ListAllMyBucketsResult><Owner><ID>51264</ID><DisplayName>51264</DisplayName></Owner>"
                "<Buckets><Bucket><CreationDate>2014-02-17T18:12:43.000Z</CreationDate>"
                "<ExtranetEndpoint>oss-cn-shanghai.aliyuncs.com</ExtranetEndpoint>"
                "<IntranetEndpoint>oss-cn-shanghai-internal.aliyuncs.com</IntranetEndpoint>"
                "<Location>oss-cn-shanghai</Location><Name>app-base-oss</Name><Region>cn-shanghai</Region>"
                "<StorageClass>Standard</StorageClass></Bucket></Buckets></ListAllMyBucketsResult>");
}

TEST(BucketXmlTest, ListBucketsTruncatedHasPagingFirst) {
  ListBucketsResult r;
  r.prefix = "my";
  r.marker = "mybucket";
  r.max_keys = 10;
  r.truncated = true;
  r.next_marker = "mybucket10";
  r.owner = {"id", "id"};
  r.buckets = {bucket("mybucket01", "cn-hangzhou"), bucket("mybucket10", "cn-hangzhou")};
  r.buckets[1].storage_class = "IA";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_list_buckets(r).c_str()));
  auto root = doc.child("ListAllMyBucketsResult");
  std::vector<std::string> names;
  for (auto child : root.children()) names.emplace_back(child.name());
  EXPECT_EQ(names, (std::vector<std::string>{"Prefix", "Marker", "MaxKeys", "IsTruncated", "NextMarker", "Owner",
                                             "Buckets"}));
  EXPECT_STREQ(root.child_value("MaxKeys"), "10");
  EXPECT_STREQ(root.child_value("IsTruncated"), "true");
  EXPECT_STREQ(root.child_value("NextMarker"), "mybucket10");
  // What ali-oss listBuckets reads: Buckets.Bucket[].Name/Location/CreationDate/StorageClass.
  std::vector<std::string> classes;
  for (auto b : root.child("Buckets").children("Bucket")) {
    EXPECT_STREQ(b.child_value("Location"), "oss-cn-hangzhou");
    classes.emplace_back(b.child_value("StorageClass"));
  }
  EXPECT_EQ(classes, (std::vector<std::string>{"Standard", "IA"}));
}

TEST(BucketXmlTest, ListBucketsEmpty) {
  ListBucketsResult r;
  r.owner = {"o", "o"};
  EXPECT_EQ(render_list_buckets(r), std::string(kDecl) +
                                        "<ListAllMyBucketsResult><Owner><ID>o</ID><DisplayName>o</DisplayName>"
                                        "</Owner><Buckets/></ListAllMyBucketsResult>");
}

TEST(BucketXmlTest, BucketInfo) {
  auto b = bucket("oss-example", "cn-hangzhou");
  b.acl = "public-read";
  b.data_redundancy = "ZRS";
  pugi::xml_document doc;
  std::string body = render_bucket_info(b, {"27183473914", "27183473914"}, "oss-cn-hangzhou.aliyuncs.com",
                                        "oss-cn-hangzhou-internal.aliyuncs.com");
  ASSERT_EQ(body.rfind(kDecl, 0), 0u);
  ASSERT_TRUE(doc.load_string(body.c_str()));
  auto node = doc.child("BucketInfo").child("Bucket");
  EXPECT_STREQ(node.child_value("Name"), "oss-example");
  EXPECT_STREQ(node.child_value("Location"), "oss-cn-hangzhou");
  EXPECT_STREQ(node.child_value("CreationDate"), "2014-02-17T18:12:43.000Z");
  EXPECT_STREQ(node.child_value("ExtranetEndpoint"), "oss-cn-hangzhou.aliyuncs.com");
  EXPECT_STREQ(node.child_value("IntranetEndpoint"), "oss-cn-hangzhou-internal.aliyuncs.com");
  EXPECT_STREQ(node.child_value("StorageClass"), "Standard");
  EXPECT_STREQ(node.child_value("DataRedundancyType"), "ZRS");
  EXPECT_STREQ(node.child("Owner").child_value("ID"), "27183473914");
  EXPECT_STREQ(node.child("Owner").child_value("DisplayName"), "27183473914");
  EXPECT_STREQ(node.child("AccessControlList").child_value("Grant"), "public-read");
}

TEST(BucketXmlTest, Location) {
  EXPECT_EQ(render_location("cn-hangzhou"),
            std::string(kDecl) + "<LocationConstraint>oss-cn-hangzhou</LocationConstraint>");
}

struct ConfigCase {
  const char* body;
  std::optional<ErrorCode> error;
  const char* storage_class = "";
  const char* redundancy = "";
};

TEST(BucketXmlTest, ParseCreateBucketConfiguration) {
  const ConfigCase cases[] = {
      {"", std::nullopt},
      {"  \n", std::nullopt},
      {"<CreateBucketConfiguration></CreateBucketConfiguration>", std::nullopt},
      {"<CreateBucketConfiguration><StorageClass>Archive</StorageClass></CreateBucketConfiguration>",
       std::nullopt, "Archive"},
      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateBucketConfiguration><StorageClass>IA</StorageClass>"
       "<DataRedundancyType>ZRS</DataRedundancyType></CreateBucketConfiguration>",
       std::nullopt, "IA", "ZRS"},
      {"<CreateBucketConfiguration>\n  <StorageClass> ColdArchive </StorageClass>\n</CreateBucketConfiguration>",
       std::nullopt, "ColdArchive"},
      {"<CreateBucketConfiguration><StorageClass>Gold</StorageClass></CreateBucketConfiguration>",
       ErrorCode::InvalidArgument},
      {"<CreateBucketConfiguration><StorageClass>standard</StorageClass></CreateBucketConfiguration>",
       ErrorCode::InvalidArgument},
      {"<CreateBucketConfiguration><DataRedundancyType>GRS</DataRedundancyType></CreateBucketConfiguration>",
       ErrorCode::InvalidArgument},
      {"<CreateBucketConfiguration><StorageClass>IA</StorageClass>", ErrorCode::MalformedXML},
      {"<Other/>", ErrorCode::MalformedXML},
      {"not xml", ErrorCode::MalformedXML},
      {"<!DOCTYPE CreateBucketConfiguration [<!ENTITY c \"IA\">]>"
       "<CreateBucketConfiguration><StorageClass>&c;</StorageClass></CreateBucketConfiguration>",
       ErrorCode::MalformedXML},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = parse_create_bucket_configuration(c.body);
    if (c.error) {
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().code, *c.error);
      continue;
    }
    ASSERT_TRUE(r.has_value()) << r.error().code_string();
    EXPECT_EQ(r->storage_class, c.storage_class);
    EXPECT_EQ(r->data_redundancy, c.redundancy);
  }
}

}  // namespace
}  // namespace ossd::xml
