// <Error> bodies (docs/spec/auth.md f.1).
#include "oss/xml/error_xml.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

namespace ossd::xml {
namespace {

constexpr const char* kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

TEST(ErrorXmlTest, DefaultMessageAndEc) {
  Error e(ErrorCode::NoSuchBucket);
  e.with("BucketName", "nosuchbucket");
  EXPECT_EQ(render_error(e, "6733119720E4D63838A2B0C1", "nosuchbucket.oss-cn-hangzhou.aliyuncs.com"),
            std::string(kDecl) +
                "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist.</Message>"
                "<RequestId>6733119720E4D63838A2B0C1</RequestId>"
                "<HostId>nosuchbucket.oss-cn-hangzhou.aliyuncs.com</HostId>"
                "<BucketName>nosuchbucket</BucketName><EC>0015-00000101</EC>"
                "<RecommendDoc>https://api.aliyun.com/troubleshoot?q=0015-00000101</RecommendDoc></Error>");
}

TEST(ErrorXmlTest, FieldsKeepOrderAndAreEscaped) {
  Error e(ErrorCode::SignatureDoesNotMatch);
  e.with("OSSAccessKeyId", "LTAI").with("SignatureProvided", "a+b/c=").with("StringToSign", "GET\n<&>\"'\n");
  e.ec = "0002-00000040";
  pugi::xml_document doc;
  std::string body = render_error(e, "RID", "host");
  ASSERT_TRUE(doc.load_string(body.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
  std::vector<std::string> names;
  for (auto child : doc.child("Error").children()) names.emplace_back(child.name());
  EXPECT_EQ(names, (std::vector<std::string>{"Code", "Message", "RequestId", "HostId", "OSSAccessKeyId",
                                             "SignatureProvided", "StringToSign", "EC", "RecommendDoc"}));
  EXPECT_STREQ(doc.child("Error").child_value("StringToSign"), "GET\n<&>\"'\n");
  EXPECT_STREQ(doc.child("Error").child_value("EC"), "0002-00000040");
  EXPECT_STREQ(doc.child("Error").child_value("RecommendDoc"),
               "https://api.aliyun.com/troubleshoot?q=0002-00000040");
  EXPECT_EQ(body.find("<&>"), std::string::npos);
}

TEST(ErrorXmlTest, CustomMessage) {
  Error e(ErrorCode::InvalidArgument, "x-oss-expires should be between 1 and 604800.");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(render_error(e, "R", "H").c_str()));
  EXPECT_STREQ(doc.child("Error").child_value("Code"), "InvalidArgument");
  EXPECT_STREQ(doc.child("Error").child_value("Message"), "x-oss-expires should be between 1 and 604800.");
}

}  // namespace
}  // namespace ossd::xml
