// Presigned URLs through the public SDK API (ossd/presign.hpp, Client::presign) equal the
// ali-oss vectors in tests/vectors/v4_presign.json: checks that endpoint, addressing,
// STS token, additional headers, queries and expiry reach the signer intact.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "ossd/client.hpp"
#include "ossd/presign.hpp"

namespace ossd::sdk {
namespace {

namespace json = boost::json;

json::object vector_by_id(const std::string& id) {
  std::ifstream in(std::string(OSSD_VECTORS_DIR) + "/v4_presign.json");
  std::stringstream text;
  text << in.rdbuf();
  const json::value doc = json::parse(text.str());  // must outlive the loop
  for (const auto& v : doc.as_object().at("vectors").as_array()) {
    if (v.as_object().at("id").as_string() == id) return v.as_object();
  }
  ADD_FAILURE() << "no vector " << id;
  return {};
}

std::string str(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return "";
  if (it->value().is_string()) return std::string(it->value().as_string());
  return json::serialize(it->value());
}

// Vector time 2024-11-12T08:32:38Z.
constexpr int64_t kVectorTime = 1731400358;

struct Case {
  ClientOptions options;
  PresignRequest request;
  std::string url;
  std::string signature;
};

// Client options and request from a vector's input, as an SDK user would write them.
Case case_of(const std::string& id) {
  const json::object v = vector_by_id(id);
  const json::object& in = v.at("input").as_object();
  const json::object& out = v.at("output").as_object();
  Case c;
  c.options.credentials = {str(in, "access_key_id"), str(in, "access_key_secret"),
                           str(in, "security_token")};
  c.options.region = str(in, "region");  // "oss-cn-hangzhou": the SDK strips "oss-"
  c.options.endpoint = in.contains("endpoint") ? str(in, "endpoint")
                                               : "http://oss-cn-hangzhou.aliyuncs.com";
  c.request.method = str(in, "method");
  c.request.bucket = str(in, "bucket");
  c.request.key = str(in, "key");
  c.request.expires_s = in.at("expires").as_int64();
  c.request.signing_time_s = kVectorTime;
  c.url = str(out, "url");
  c.signature = str(out, "signature");
  return c;
}

std::string signature_of(const std::string& url) {
  const auto pos = url.find("x-oss-signature=");
  return pos == std::string::npos ? "" : url.substr(pos + 16);
}

TEST(SdkPresign, VirtualHostedByDefaultForDomainEndpoints) {
  Case c = case_of("v4p-put-basic");
  auto url = presign_url(c.options, c.request);
  ASSERT_TRUE(url.has_value()) << url.error().to_string();
  EXPECT_EQ(*url, c.url);
}

TEST(SdkPresign, IpEndpointIsPathStyleByDefault) {
  Case c = case_of("v4p-local-path-style");
  ASSERT_EQ(c.options.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
}

TEST(SdkPresign, LocalhostEndpointIsPathStyleByDefault) {
  Case c = case_of("v4p-localhost-path-style");
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
}

TEST(SdkPresign, VirtualHostedWhenAskedEvenForLocalhost) {
  Case c = case_of("v4p-localhost-virtual-hosted");
  c.options.path_style = false;
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
}

TEST(SdkPresign, StsTokenIsASignedQueryParameter) {
  Case c = case_of("v4p-put-sts");
  const std::string url = presign_url(c.options, c.request).value();
  // ali-oss leaves the '*' of the key id raw; we escape it (UriEncode), so compare signatures.
  EXPECT_EQ(signature_of(url), c.signature);
  EXPECT_NE(url.find("&x-oss-security-token=CAISOssdFakeStsToken%2B%2Fabc%3Ddef%3D%3D&"),
            std::string::npos);
}

TEST(SdkPresign, ContentTypeHeaderIsSigned) {
  Case c = case_of("v4p-put-content-type");
  c.request.headers = {{"Content-Type", "application/octet-stream"}};
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
  c.request.headers.clear();
  EXPECT_NE(signature_of(presign_url(c.options, c.request).value()), c.signature);
}

TEST(SdkPresign, AdditionalHeadersHostAndRange) {
  Case c = case_of("v4p-get-addl-range");
  // Host is not given: the SDK signs the host the URL goes to.
  c.request.headers = {{"Range", "bytes=0-99"}};
  c.request.additional_headers = {"range", "host"};
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
}

TEST(SdkPresign, QueriesAreSigned) {
  Case c = case_of("v4p-get-response-headers");
  c.request.queries = {{"response-content-disposition", "attachment; filename=\"report (1).pdf\""},
                       {"response-content-type", "application/pdf"}};
  // ali-oss leaves ( ) raw in the URL and we escape them, so compare the signatures.
  EXPECT_EQ(signature_of(presign_url(c.options, c.request).value()), c.signature);
}

TEST(SdkPresign, ClientPresignUsesTheClientsOptions) {
  Case c = case_of("v4p-local-path-style");
  Client client(c.options, nullptr);  // presigning never touches the transport
  EXPECT_EQ(client.presign(c.request).value(), c.url);
}

TEST(SdkPresign, SevenDaysIsTheLimit) {
  Case c = case_of("v4p-expires-max");
  EXPECT_EQ(presign_url(c.options, c.request).value(), c.url);
  c.request.expires_s = 604801;
  auto refused = presign_url(c.options, c.request);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::kInvalidArgument);
  EXPECT_EQ(refused.error().status, 0);
  c.request.expires_s = 0;
  EXPECT_FALSE(presign_url(c.options, c.request).has_value());
}

TEST(SdkPresign, V1HasNoSevenDayLimit) {
  Case c = case_of("v4p-put-basic");
  c.request.version = SignatureVersion::V1;
  c.request.expires_s = 30 * 86400;
  auto url = presign_url(c.options, c.request);
  ASSERT_TRUE(url.has_value());
  EXPECT_NE(url->find("Expires=" + std::to_string(kVectorTime + 30 * 86400)), std::string::npos);
  EXPECT_NE(url->find("OSSAccessKeyId=LTAI5tOssdVectorKeyId01"), std::string::npos);
}

TEST(SdkOptions, EndpointAndAddressing) {
  ClientOptions o;
  EXPECT_EQ(split_endpoint(o).scheme, "https");
  EXPECT_EQ(split_endpoint(o).host, "oss-cn-hangzhou.aliyuncs.com");
  o.region = "oss-us-west-1";
  EXPECT_EQ(split_endpoint(o).host, "oss-us-west-1.aliyuncs.com");
  EXPECT_FALSE(effective_path_style(o));
  o.endpoint = "http://127.0.0.1:9000/";
  EXPECT_EQ(split_endpoint(o).scheme, "http");
  EXPECT_EQ(split_endpoint(o).host, "127.0.0.1:9000");
  EXPECT_TRUE(effective_path_style(o));
  o.path_style = false;
  EXPECT_FALSE(effective_path_style(o));
  EXPECT_TRUE(is_path_style_host("localhost:9000"));
  EXPECT_TRUE(is_path_style_host("[::1]:9000"));
  EXPECT_FALSE(is_path_style_host("oss-cn-hangzhou.aliyuncs.com"));
  EXPECT_EQ(region_id("oss-cn-hangzhou"), "cn-hangzhou");
  EXPECT_EQ(region_id("cn-hangzhou"), "cn-hangzhou");
}

}  // namespace
}  // namespace ossd::sdk
