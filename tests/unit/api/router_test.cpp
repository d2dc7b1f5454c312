// The router as a table: (method, Host, target, headers) -> operation, bucket, key.
#include "api/router.hpp"

#include <gtest/gtest.h>

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
