// Client against a scripted Transport: the requests it builds (method, URL, signed headers)
// and how it reads answers (list pages, OSS error XML, x-oss-err on HEAD, streamed bodies).
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>

#include "ossd/client.hpp"

namespace ossd::sdk {
namespace {

class FakeTransport : public Transport {
 public:
  std::vector<HttpRequest> sent;
  std::deque<HttpResponse> answers;

  Result<HttpResponse> send(const HttpRequest& request, const BodyWriter& sink) override {
    sent.push_back(request);
    HttpResponse r = answers.front();
    answers.pop_front();
    if (sink && r.status / 100 == 2) {
      if (!sink(r.body.data(), r.body.size())) return local_error(Error::kIo, "sink");
      r.body.clear();
    }
    return r;
  }
};

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

ClientOptions local_options() {
  ClientOptions o;
  o.credentials = {"AK", "SK", ""};
  o.endpoint = "http://127.0.0.1:9000";
  return o;
}

struct Fixture : ::testing::Test {
  std::shared_ptr<FakeTransport> fake = std::make_shared<FakeTransport>();
  Client client{local_options(), fake};

  void answer(int status, std::string body, HeaderList headers = {}) {
    fake->answers.push_back({status, std::move(headers), std::move(body)});
  }
};

TEST_F(Fixture, CreateBucketIsASignedPathStylePut) {
  answer(200, "");
  ASSERT_TRUE(client.create_bucket("photos").has_value());
  const HttpRequest& r = fake->sent.at(0);
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.url, "http://127.0.0.1:9000/photos/");
  EXPECT_TRUE(header(r, "Authorization").starts_with("OSS4-HMAC-SHA256 Credential=AK/"));
  EXPECT_NE(header(r, "Authorization").find("/cn-hangzhou/oss/aliyun_v4_request"),
            std::string::npos);
  EXPECT_EQ(header(r, "x-oss-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_FALSE(header(r, "x-oss-date").empty());
}

TEST_F(Fixture, StsTokenTravelsAsHeader) {
  ClientOptions o = local_options();
  o.credentials.security_token = "TOKEN+/=";
  Client sts(o, fake);
  answer(204, "");
  ASSERT_TRUE(sts.delete_object("b", "a b/c+d").has_value());
  EXPECT_EQ(fake->sent.at(0).url, "http://127.0.0.1:9000/b/a%20b/c%2Bd");
  EXPECT_EQ(header(fake->sent.at(0), "x-oss-security-token"), "TOKEN+/=");
}

TEST_F(Fixture, ErrorXmlBecomesError) {
  answer(404,
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
         "<Message>The specified bucket does not exist.</Message><RequestId>RID1</RequestId>"
         "<HostId>127.0.0.1</HostId><EC>0015-00000101</EC></Error>",
         {{"x-oss-request-id", "RID1"}});
  auto r = client.delete_bucket("nope");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().status, 404);
  EXPECT_EQ(r.error().code, "NoSuchBucket");
  EXPECT_EQ(r.error().message, "The specified bucket does not exist.");
  EXPECT_EQ(r.error().request_id, "RID1");
  EXPECT_EQ(r.error().ec, "0015-00000101");
}

TEST_F(Fixture, HeadErrorComesFromXOssErr) {
  // base64 of <Error><Code>NoSuchKey</Code><Message>m.</Message><RequestId>R2</RequestId></Error>
  answer(404, "",
         {{"x-oss-request-id", "R2"},
          {"x-oss-err",
           "PEVycm9yPjxDb2RlPk5vU3VjaEtleTwvQ29kZT48TWVzc2FnZT5tLjwvTWVzc2FnZT48UmVxdWVzdElk"
           "PlIyPC9SZXF1ZXN0SWQ+PC9FcnJvcj4="}});
  auto r = client.head_object("b", "k");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "NoSuchKey");
  EXPECT_EQ(r.error().message, "m.");
  EXPECT_EQ(r.error().request_id, "R2");
}

TEST_F(Fixture, BareStatusStillGivesRequestId) {
  answer(403, "", {{"x-oss-request-id", "R3"}});
  auto r = client.head_object("b", "k");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().status, 403);
  EXPECT_EQ(r.error().request_id, "R3");
  EXPECT_FALSE(r.error().code.empty());
}

TEST_F(Fixture, ListObjectsPagesWithContinuationToken) {
  answer(200,
         "<ListBucketResult><Name>b</Name><IsTruncated>true</IsTruncated>"
         "<NextContinuationToken>tok 1</NextContinuationToken>"
         "<Contents><Key>a/1</Key><Size>5</Size><ETag>\"E1\"</ETag></Contents>"
         "<CommonPrefixes><Prefix>a/sub/</Prefix></CommonPrefixes></ListBucketResult>");
  ListObjectsRequest req;
  req.bucket = "b";
  req.prefix = "a/";
  req.max_keys = 1;
  auto page = client.list_objects(req);
  ASSERT_TRUE(page.has_value()) << page.error().to_string();
  EXPECT_EQ(fake->sent.at(0).url, "http://127.0.0.1:9000/b/?list-type=2&max-keys=1&prefix=a%2F");
  ASSERT_EQ(page->objects.size(), 1u);
  EXPECT_EQ(page->objects[0].key, "a/1");
  EXPECT_EQ(page->objects[0].size, 5u);
  EXPECT_EQ(page->objects[0].etag, "\"E1\"");
  EXPECT_EQ(page->common_prefixes, std::vector<std::string>{"a/sub/"});
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_continuation_token, "tok 1");

  answer(200, "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>");
  req.continuation_token = page->next_continuation_token;
  ASSERT_TRUE(client.list_objects(req).has_value());
  EXPECT_NE(fake->sent.at(1).url.find("&continuation-token=tok%201"), std::string::npos);
}

TEST_F(Fixture, ListBuckets) {
  answer(200,
         "<ListAllMyBucketsResult><Buckets><Bucket><Name>b1</Name><CreationDate>2024-01-01T00:00:"
         "00.000Z</CreationDate><Location>oss-cn-hangzhou</Location></Bucket></Buckets>"
         "</ListAllMyBucketsResult>");
  auto buckets = client.list_buckets();
  ASSERT_TRUE(buckets.has_value());
  EXPECT_EQ(fake->sent.at(0).url, "http://127.0.0.1:9000/");
  ASSERT_EQ(buckets->size(), 1u);
  EXPECT_EQ(buckets->at(0).name, "b1");
  EXPECT_EQ(buckets->at(0).location, "oss-cn-hangzhou");
}

TEST_F(Fixture, PutFromFileSendsSizeAndContentType) {
  const auto path = std::filesystem::temp_directory_path() / "ossd_sdk_put_test.bin";
  std::ofstream(path) << "hello world";
  answer(200, "", {{"etag", "\"E\""}, {"x-oss-request-id", "R"}});
  PutOptions options;
  options.content_type = "text/plain";
  auto r = client.put_object("b", "k.txt", path, options);
  std::filesystem::remove(path);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->etag, "\"E\"");
  const HttpRequest& req = fake->sent.at(0);
  EXPECT_EQ(req.body_size, 11u);
  EXPECT_EQ(header(req, "Content-Type"), "text/plain");
  EXPECT_TRUE(req.body);
}

TEST_F(Fixture, PutFromMissingFileFailsLocally) {
  auto r = client.put_object("b", "k", std::filesystem::path("/nonexistent/file"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::kIo);
  EXPECT_TRUE(fake->sent.empty());
}

TEST_F(Fixture, GetToFileRenamesOnlyOnSuccess) {
  const auto path = std::filesystem::temp_directory_path() / "ossd_sdk_get_test.bin";
  std::filesystem::remove(path);
  answer(404, "<Error><Code>NoSuchKey</Code></Error>");
  EXPECT_FALSE(client.get_object("b", "k", path).has_value());
  EXPECT_FALSE(std::filesystem::exists(path));
  answer(200, "body bytes", {{"content-length", "10"}});
  auto info = client.get_object("b", "k", path);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->size, 10u);
  EXPECT_EQ(std::filesystem::file_size(path), 10u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ossd::sdk
