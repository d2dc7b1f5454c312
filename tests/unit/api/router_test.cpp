// The router as a table: (method, Host, target, headers) -> operation, bucket, key.
#include "api/router.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ossd::api {
namespace {

struct Case {
  const char* method;
  const char* host;
  const char* target;
  const char* copy_source;  // x-oss-copy-source or nullptr
  Operation op;
  const char* bucket;
  const char* key;
  bool has_alternative;
};

const Case kCases[] = {
    {"GET", "127.0.0.1:9000", "/", nullptr, Operation::ListBuckets, "", "", false},
    {"GET", "localhost:9000", "/?prefix=a&max-keys=2", nullptr, Operation::ListBuckets, "", "", false},
    {"PUT", "127.0.0.1:9000", "/examplebucket", nullptr, Operation::PutBucket, "examplebucket", "", false},
    {"PUT", "127.0.0.1:9000", "/examplebucket/", nullptr, Operation::PutBucket, "examplebucket", "", false},
    {"DELETE", "localhost", "/b1", nullptr, Operation::DeleteBucket, "b1", "", false},
    {"GET", "localhost", "/b1?bucketInfo", nullptr, Operation::GetBucketInfo, "b1", "", false},
    {"GET", "localhost", "/b1?location", nullptr, Operation::GetBucketLocation, "b1", "", false},
    {"GET", "localhost", "/b1?acl", nullptr, Operation::GetBucketAcl, "b1", "", false},
    {"PUT", "localhost", "/b1?acl", nullptr, Operation::PutBucketAcl, "b1", "", false},
    {"PUT", "localhost", "/b1/k?acl", nullptr, Operation::PutObjectAcl, "b1", "k", false},
    {"GET", "localhost", "/b1/k?acl", nullptr, Operation::GetObjectAcl, "b1", "k", false},
    {"PUT", "localhost", "/b1?policy", nullptr, Operation::PutBucketPolicy, "b1", "", false},
    {"GET", "localhost", "/b1?policy", nullptr, Operation::GetBucketPolicy, "b1", "", false},
    {"DELETE", "localhost", "/b1?policy", nullptr, Operation::DeleteBucketPolicy, "b1", "", false},
    {"GET", "localhost", "/b1/k?objectMeta", nullptr, Operation::GetObjectMeta, "b1", "k", false},
    {"OPTIONS", "localhost", "/b1", nullptr, Operation::OptionObject, "b1", "", false},
    {"OPTIONS", "localhost", "/b1/k?uploads", nullptr, Operation::OptionObject, "b1", "k", false},
    {"GET", "localhost", "/b1/k?versionId=null", nullptr, Operation::GetObject, "b1", "k", false},
    {"DELETE", "localhost", "/b1/k?versionId=null", nullptr, Operation::DeleteObject, "b1", "k", false},
    // Accepted parameters: response overrides, V1 and V4 presigned-URL fields, request payer.
    {"GET", "localhost", "/b1/k?response-content-type=a%2Fb&x-oss-request-payer=requester", nullptr,
     Operation::GetObject, "b1", "k", false},
    {"PUT", "localhost", "/b1/k?OSSAccessKeyId=a&Expires=1&Signature=s&security-token=t", nullptr,
     Operation::PutObject, "b1", "k", false},
    {"GET", "localhost",
     "/b1/k?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=c&x-oss-date=d&x-oss-expires=60"
     "&x-oss-signature=s&x-oss-additional-headers=host&x-oss-security-token=t",
     nullptr, Operation::GetObject, "b1", "k", false},
    {"GET", "localhost", "/b1?list-type=2&continuation-token=abc&start-after=a&fetch-owner=true", nullptr,
     Operation::ListObjectsV2, "b1", "", false},
    {"POST", "127.0.0.1:9000", "/", nullptr, Operation::RpcCall, "", "", false},
    {"GET", "127.0.0.1:9000", "/?Action=GetCallerIdentity", nullptr, Operation::RpcCall, "", "", false},
    {"GET", "localhost", "/b1?prefix=a%2Fb&delimiter=%2F", nullptr, Operation::ListObjects, "b1", "", false},
    {"GET", "localhost", "/b1?list-type=2", nullptr, Operation::ListObjectsV2, "b1", "", false},
    {"POST", "localhost", "/b1?delete", nullptr, Operation::DeleteMultipleObjects, "b1", "", false},
    {"PUT", "localhost", "/b1/dir/file.txt", nullptr, Operation::PutObject, "b1", "dir/file.txt", false},
    {"PUT", "localhost", "/b1/dst", "/b1/src", Operation::CopyObject, "b1", "dst", false},
    {"GET", "localhost", "/b1/a%2Bb%3Dc%26d.txt", nullptr, Operation::GetObject, "b1", "a+b=c&d.txt", false},
    {"GET", "localhost", "/b1/a+b", nullptr, Operation::GetObject, "b1", "a+b", false},
    {"GET", "localhost", "/b1/a//b///c.txt", nullptr, Operation::GetObject, "b1", "a//b///c.txt", false},
    {"GET", "localhost", "/b1/a%252Fb", nullptr, Operation::GetObject, "b1", "a%2Fb", false},
    {"GET", "localhost", "/b1/dir/", nullptr, Operation::GetObject, "b1", "dir/", false},
    {"HEAD", "localhost", "/b1/k", nullptr, Operation::HeadObject, "b1", "k", false},
    {"HEAD", "localhost", "/b1/k?objectMeta", nullptr, Operation::GetObjectMeta, "b1", "k", false},
    {"DELETE", "localhost", "/b1/k", nullptr, Operation::DeleteObject, "b1", "k", false},
    // Virtual-hosted: <bucket>.localhost, <bucket>.oss-<r>.aliyuncs.com (ali-oss with an IP endpoint).
    {"GET", "b1.localhost:9000", "/k", nullptr, Operation::GetObject, "b1", "k", false},
    {"GET", "b1.localhost:9000", "/", nullptr, Operation::ListObjects, "b1", "", false},
    {"PUT", "examplebucket.oss-cn-hangzhou.aliyuncs.com", "/dir/file.bin", nullptr, Operation::PutObject,
     "examplebucket", "dir/file.bin", false},
    // Rule g.2.6: bucket in Host and in path; the path-style reading is kept as an alternative.
    {"PUT", "examplebucket.oss-cn-hangzhou.aliyuncs.com", "/examplebucket/dir/file.bin", nullptr,
     Operation::PutObject, "examplebucket", "examplebucket/dir/file.bin", true},
    // An OSS-style host without a bucket label is the service endpoint: path-style.
    {"GET", "oss-cn-hangzhou.aliyuncs.com", "/b1/k", nullptr, Operation::GetObject, "b1", "k", false},
    {"GET", "[::1]:9000", "/b1/k", nullptr, Operation::GetObject, "b1", "k", false},
};

class RouterTable : public ::testing::TestWithParam<Case> {};

TEST_P(RouterTable, Routes) {
  const Case& c = GetParam();
  Headers h;
  if (c.copy_source) h.add("x-oss-copy-source", c.copy_source);
  std::string target = c.target;
  auto q = target.find('?');
  RouterConfig config;
  auto r = route(c.method, c.host, target.substr(0, q), q == std::string::npos ? "" : target.substr(q + 1), h, config);
  ASSERT_TRUE(r.has_value()) << c.method << " " << c.host << " " << c.target;
  EXPECT_EQ(operation_name(r->op), operation_name(c.op)) << c.target;
  EXPECT_EQ(r->bucket, c.bucket) << c.target;
  EXPECT_EQ(r->key, c.key) << c.target;
  EXPECT_EQ(r->path_style_alternative.has_value(), c.has_alternative) << c.target;
}

INSTANTIATE_TEST_SUITE_P(All, RouterTable, ::testing::ValuesIn(kCases));

Result<Route> route_of(const char* method, std::string_view target) {
  auto q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  return route(method, "localhost", path, query, Headers(), RouterConfig());
}

TEST(Router, RefusesWhatItCannotServe) {
  Headers h;
  RouterConfig config;
  EXPECT_EQ(route("GET", "localhost", "/b1/%zz", "", h, config).error().code, ErrorCode::InvalidURI);
  EXPECT_EQ(route("GET", "localhost", "/b1/k", "a=%G1", h, config).error().code, ErrorCode::InvalidURI);
  EXPECT_EQ(route("GET", "localhost", "/b1/%FF", "", h, config).error().code, ErrorCode::InvalidURI);
  EXPECT_EQ(route("POST", "localhost", "/b1/k", "", h, config).error().code, ErrorCode::MethodNotAllowed);
  EXPECT_EQ(route("PUT", "localhost", "/", "", h, config).error().code, ErrorCode::MethodNotAllowed);
  EXPECT_EQ(route("GET", "localhost", "/b1", "lifecycle", h, config).error().code, ErrorCode::NotImplemented);
  EXPECT_EQ(route("POST", "localhost", "/b1/k", "acl", h, config).error().code, ErrorCode::MethodNotAllowed);
}

// A sub-resource ossd routes, with a method or at a level it has no operation for.
TEST(Router, RoutedSubresourceElsewhereIsMethodNotAllowed) {
  for (const char* target : {"/b1?acl", "/b1?delete", "/b1/k?delete", "/b1?objectMeta", "/b1/k?cors", "/?acl"})
    for (const char* method : {"GET", "PUT", "POST", "DELETE", "HEAD"}) {
      auto r = route_of(method, target);
      if (r) continue;  // e.g. GET /b1?acl is GetBucketAcl
      EXPECT_EQ(r.error().code, ErrorCode::MethodNotAllowed) << method << " " << target;
    }
  EXPECT_EQ(route_of("DELETE", "/b1?acl").error().code, ErrorCode::MethodNotAllowed);
  EXPECT_EQ(route_of("DELETE", "/b1?delete").error().code, ErrorCode::MethodNotAllowed);
  EXPECT_EQ(route_of("GET", "/b1?delete").error().code, ErrorCode::MethodNotAllowed);
}

// Issue 11 part 5: every known sub-resource ossd does not route is NotImplemented, naming it,
// whatever the method and level, alone or next to a routed one; never the plain operation.
TEST(Router, EveryUnroutedSubresourceIsNotImplemented) {
  const std::set<std::string_view> routed = {"acl", "bucketInfo", "location", "cors", "policy", "delete", "objectMeta"};
  const std::set<std::string_view> accepted = {
      "response-content-type", "response-content-language", "response-expires", "response-cache-control",
      "response-content-disposition", "response-content-encoding", "continuation-token", "security-token",
      "x-oss-request-payer", "versionId"};
  std::size_t refused = 0;
  for (std::string_view name : known_subresources()) {
    if (routed.contains(name) || accepted.contains(name)) continue;
    for (const char* base : {"/", "/b1", "/b1/k"})
      for (const char* method : {"GET", "PUT", "POST", "DELETE", "HEAD"})
        for (const char* extra : {"", "&acl"}) {
          std::string target = std::string(base) + "?" + std::string(name) + "=v" + extra;
          auto r = route_of(method, target);
          ASSERT_FALSE(r.has_value()) << method << " " << target << " -> " << operation_name(r->op);
          EXPECT_EQ(r.error().code, ErrorCode::NotImplemented) << method << " " << target;
          EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
        }
    ++refused;
  }
  EXPECT_GT(refused, 100u);
  // The names the SDK tests found falling through (issue 11), and any other x-oss-* parameter.
  for (const char* target : {"/b1?publicAccessBlock", "/new?publicAccessBlock", "/b1?objectWorm", "/b1?httpsConfig",
                             "/b1?accessmonitor", "/b1?overwriteConfig", "/b1?bucketArchiveDirectRead", "/?regions",
                             "/?qosInfo", "/b1/k?x-oss-something-new", "/b1/k?uploadId=1&partNumber=1"})
    for (const char* method : {"GET", "PUT", "POST", "DELETE"})
      EXPECT_EQ(route_of(method, target).error().code, ErrorCode::NotImplemented) << method << " " << target;
}

TEST(Router, VersionIdOtherThanNullIsNotImplemented) {
  for (const char* method : {"GET", "HEAD", "PUT", "DELETE"}) {
    auto r = route_of(method, "/b1/k?versionId=CAEQ");
    ASSERT_FALSE(r.has_value()) << method;
    EXPECT_EQ(r.error().code, ErrorCode::NotImplemented);
    EXPECT_NE(r.error().message.find("versionId"), std::string::npos);
  }
  EXPECT_EQ(route_of("GET", "/b1?versionId=x").error().code, ErrorCode::NotImplemented);
}

TEST(Router, TwoRoutedSubresourcesAreRefused) {
  EXPECT_EQ(route_of("GET", "/b1?acl&location").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(route_of("PUT", "/b1?cors&policy").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(route_of("GET", "/b1?acl&acl").value().op, Operation::GetBucketAcl);
  // An unrouted one wins: NotImplemented, whichever comes first.
  EXPECT_EQ(route_of("GET", "/b1?acl&location&tagging").error().code, ErrorCode::NotImplemented);
}

TEST(Router, ParametersThatAreNotSubresourcesAreIgnored) {
  EXPECT_EQ(route_of("GET", "/b1/k?t=123&_=x&Acl").value().op, Operation::GetObject);  // names are case-sensitive
  EXPECT_EQ(route_of("DELETE", "/b1?prefix=a&marker=b&max-keys=1").value().op, Operation::DeleteBucket);
  // The RPC API's parameters are its own.
  EXPECT_EQ(route_of("GET", "/?Action=GetCallerIdentity&Version=2015-04-01&SecurityToken=t").value().op,
            Operation::RpcCall);
  EXPECT_EQ(route_of("POST", "/?uploads").error().code, ErrorCode::NotImplemented);
}

TEST(Router, QueryDecoding) {
  auto q = parse_query("a=1&b&c=&&d=x%2By+z&e=%E4%B8%AD");
  ASSERT_TRUE(q.has_value());
  ASSERT_EQ(q->size(), 5u);
  EXPECT_EQ((*q)[1].first, "b");
  EXPECT_EQ((*q)[1].second, "");
  EXPECT_EQ((*q)[2].second, "");
  EXPECT_EQ((*q)[3].second, "x+y z");
  EXPECT_EQ((*q)[4].second, "\xE4\xB8\xAD");
}

}  // namespace
}  // namespace ossd::api
