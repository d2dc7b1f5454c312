// AdminClient against a scripted Transport: the form POST it builds (common parameters, a
// signature the server-side functions accept), how it reads RAM/STS JSON, and RPC error bodies.
#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "auth/rpc_signature.hpp"
#include "common/encoding.hpp"
#include "ossd/admin.hpp"

namespace ossd::sdk {
namespace {

class FakeTransport : public Transport {
 public:
  std::vector<HttpRequest> sent;
  std::vector<std::string> bodies;
  std::deque<HttpResponse> answers;

  Result<HttpResponse> send(const HttpRequest& request, const BodyWriter&) override {
    sent.push_back(request);
    std::string body;
    char buf[7];  // small on purpose: the reader must cope with partial reads
    while (auto n = request.body(buf, sizeof buf)) {
      if (*n == 0) break;
      body.append(buf, *n);
    }
    bodies.push_back(body);
    HttpResponse r = answers.front();
    answers.pop_front();
    return r;
  }
};

// The form body as ordered pairs, decoded.
auth::RpcParams form_pairs(const std::string& body) {
  auth::RpcParams out;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string item = body.substr(start, end - start);
    const std::size_t eq = item.find('=');
    out.emplace_back(*percent_decode(item.substr(0, eq), true),
                     *percent_decode(item.substr(eq + 1), true));
    start = end + 1;
  }
  return out;
}

std::map<std::string, std::string> form_map(const std::string& body) {
  std::map<std::string, std::string> m;
  for (auto& [k, v] : form_pairs(body)) m[k] = v;
  return m;
}

struct AdminFixture : ::testing::Test {
  std::shared_ptr<FakeTransport> fake = std::make_shared<FakeTransport>();
  AdminClient client{options(), fake};

  static ClientOptions options() {
    ClientOptions o;
    o.credentials = {"AK", "SK", ""};
    o.endpoint = "http://127.0.0.1:9000";
    return o;
  }
  void answer(int status, std::string body) { fake->answers.push_back({status, {}, std::move(body)}); }
};

TEST_F(AdminFixture, CreateUserIsASignedFormPostToSlash) {
  answer(200, R"({"RequestId":"R1","User":{"UserId":"2000","UserName":"alice",)"
              R"("DisplayName":"Alice A","Comments":"c","CreateDate":"2026-01-02T03:04:05Z"}})");
  auto r = client.create_user("alice", "Alice A", "c");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->request_id, "R1");
  EXPECT_EQ(r->user.user_id, "2000");
  EXPECT_EQ(r->user.display_name, "Alice A");
  EXPECT_EQ(r->user.create_date, "2026-01-02T03:04:05Z");

  const HttpRequest& req = fake->sent.at(0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:9000/");
  EXPECT_EQ(req.body_size, fake->bodies[0].size());
  auto m = form_map(fake->bodies[0]);
  EXPECT_EQ(m["Action"], "CreateUser");
  EXPECT_EQ(m["Version"], "2015-05-01");
  EXPECT_EQ(m["Format"], "JSON");
  EXPECT_EQ(m["AccessKeyId"], "AK");
  EXPECT_EQ(m["SignatureMethod"], "HMAC-SHA1");
  EXPECT_EQ(m["SignatureVersion"], "1.0");
  EXPECT_EQ(m["UserName"], "alice");
  EXPECT_EQ(m["DisplayName"], "Alice A");
  EXPECT_EQ(m["Timestamp"].size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_EQ(m.count("SecurityToken"), 0u);
  // The server recomputes the signature from the received parameters.
  EXPECT_EQ(m["Signature"],
            auth::rpc_signature("SK", auth::rpc_string_to_sign("POST", form_pairs(fake->bodies[0]))));
}

TEST_F(AdminFixture, NoncesDifferAndTokenIsSent) {
  AdminClient sts_client{[] {
                           auto o = options();
                           o.credentials.security_token = "tok/en+=";
                           return o;
                         }(),
                         fake};
  answer(200, R"({"RequestId":"a"})");
  answer(200, R"({"RequestId":"b"})");
  ASSERT_TRUE(sts_client.delete_user("u").has_value());
  ASSERT_TRUE(sts_client.delete_user("u").has_value());
  auto a = form_map(fake->bodies[0]);
  auto b = form_map(fake->bodies[1]);
  EXPECT_NE(a["SignatureNonce"], b["SignatureNonce"]);
  EXPECT_EQ(a["SecurityToken"], "tok/en+=");
}

TEST_F(AdminFixture, ListsReadTheWrappedArrays) {
  answer(200, R"({"RequestId":"R","IsTruncated":false,"Users":{"User":[)"
              R"({"UserName":"a","UserId":"1"},{"UserName":"b","UserId":"2"}]}})");
  auto users = client.list_users();
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->users.size(), 2u);
  EXPECT_EQ(users->users[1].user_name, "b");
  EXPECT_FALSE(users->is_truncated);

  answer(200, R"({"RequestId":"R","AccessKeys":{"AccessKey":[{"AccessKeyId":"LTAI1",)"
              R"("Status":"Inactive","CreateDate":"d"}]}})");
  auto keys = client.list_access_keys("a");
  ASSERT_TRUE(keys.has_value());
  ASSERT_EQ(keys->access_keys.size(), 1u);
  EXPECT_EQ(keys->access_keys[0].status, "Inactive");

  answer(200, R"({"RequestId":"R","Roles":{"Role":[{"RoleName":"r","Arn":"acs:ram::1:role/r",)"
              R"("MaxSessionDuration":7200}]}})");
  auto roles = client.list_roles();
  ASSERT_TRUE(roles.has_value());
  ASSERT_EQ(roles->roles.size(), 1u);
  EXPECT_EQ(roles->roles[0].max_session_duration, 7200);
  EXPECT_EQ(form_map(fake->bodies[2])["Action"], "ListRoles");
}

TEST_F(AdminFixture, GetPolicyReadsTheDefaultVersion) {
  answer(200, R"({"RequestId":"R","Policy":{"PolicyName":"p","PolicyType":"Custom",)"
              R"("DefaultVersion":"v1"},"DefaultPolicyVersion":{"VersionId":"v1",)"
              R"("PolicyDocument":"{\"Version\":\"1\"}","IsDefaultVersion":true}})");
  auto p = client.get_policy("p");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->policy.policy_type, "Custom");
  EXPECT_EQ(p->policy_document, R"({"Version":"1"})");
  EXPECT_EQ(p->version_id, "v1");
  auto m = form_map(fake->bodies[0]);
  EXPECT_EQ(m["PolicyType"], "Custom");
  EXPECT_EQ(m["PolicyName"], "p");
}

TEST_F(AdminFixture, AssumeRoleUsesStsVersionAndReadsCredentials) {
  answer(200, R"({"RequestId":"R","Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"s",)"
              R"("SecurityToken":"t","Expiration":"2026-01-02T04:04:05Z"},)"
              R"("AssumedRoleUser":{"AssumedRoleId":"3:app","Arn":"acs:ram::1:role/r/app"}})");
  AssumeRoleRequest req;
  req.role_arn = "acs:ram::1:role/r";
  req.role_session_name = "app";
  req.duration_seconds = 900;
  req.policy = R"({"Version":"1"})";
  auto r = client.assume_role(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->credentials.access_key_id, "STS.x");
  EXPECT_EQ(r->credentials.security_token, "t");
  EXPECT_EQ(r->expiration, "2026-01-02T04:04:05Z");
  EXPECT_EQ(r->assumed_role_arn, "acs:ram::1:role/r/app");
  auto m = form_map(fake->bodies[0]);
  EXPECT_EQ(m["Version"], "2015-04-01");
  EXPECT_EQ(m["DurationSeconds"], "900");
  EXPECT_EQ(m["Policy"], R"({"Version":"1"})");
}

TEST_F(AdminFixture, RpcErrorBodyBecomesTheError) {
  answer(404, R"({"RequestId":"R9","HostId":"127.0.0.1","Code":"EntityNotExist.User",)"
              R"("Message":"The user does not exist: nobody"})");
  auto r = client.get_user("nobody");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().status, 404);
  EXPECT_EQ(r.error().code, "EntityNotExist.User");
  EXPECT_EQ(r.error().request_id, "R9");
  EXPECT_EQ(r.error().host_id, "127.0.0.1");
}

TEST_F(AdminFixture, NonJsonAnswersAreErrors) {
  answer(200, "<xml/>");
  auto r = client.get_caller_identity();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "InvalidResponse");
  answer(403, "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>m</Message>"
              "<RequestId>X</RequestId></Error>");
  auto x = client.get_caller_identity();
  ASSERT_FALSE(x.has_value());
  EXPECT_EQ(x.error().code, "AccessDenied");
}

}  // namespace
}  // namespace ossd::sdk
