// The connection guard of issue 11 (http/session_loop.hpp run_session_on): an exception thrown
// by our own code while one request is served ends that connection only: the client gets
// 500 InternalError with the request id when no answer had begun, one log line names the same
// request id, nothing after it on that connection is served, and the next connection is served
// normally. The session runs over Beast's in-memory stream into a real api::Service over SQLite
// and local files; the only test part is a DataStore wrapper that throws when told to.
#include "api/service.hpp"
#include "http/session_loop.hpp"
#include "identity/registry.hpp"
#include "identity/secret_box.hpp"
#include "storage/local/local_data_store.hpp"
#include "storage/sqlite/sqlite_meta_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <atomic>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>

namespace ossd::http {
namespace {

constexpr const char* kOwner = "1000000000000001";

// The local store, except that opening or creating a blob throws while `fail` is set: the
// kind of bug (or resource exhaustion) the guard exists for.
class ThrowingDataStore : public storage::DataStore {
 public:
  explicit ThrowingDataStore(std::unique_ptr<storage::DataStore> inner) : inner_(std::move(inner)) {}
  std::unique_ptr<storage::DataWriter> create_writer() override {
    if (fail) throw std::runtime_error("injected: create_writer");
    return inner_->create_writer();
  }
  std::unique_ptr<storage::DataReader> open(const std::string& ref) override {
    if (fail) throw std::runtime_error("injected: open");
    return inner_->open(ref);
  }
  void remove(const std::string& ref) override { inner_->remove(ref); }
  std::size_t sweep_orphans(const std::function<bool(const std::string&)>& is_live) override {
    return inner_->sweep_orphans(is_live);
  }
  std::atomic<bool> fail{false};

 private:
  std::unique_ptr<storage::DataStore> inner_;
};

class SessionGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ossd-guard-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    meta_ = storage::open_sqlite_meta_store((dir_ / "meta.sqlite").string());
    data_ = std::make_unique<ThrowingDataStore>(storage::open_local_data_store(dir_.string()));
    identity::SecretBox box(identity::load_or_create_master_key((dir_ / "master.key").string()));
    identities_ = std::make_unique<identity::Registry>(*meta_, box, kOwner, "LTAI5tGuardTestKey", "GuardTestSecret");
    api::ServiceConfig config;
    config.owner_id = kOwner;
    config.identities = identities_.get();
    auto* ids = identities_.get();
    service_ = std::make_unique<api::Service>(*meta_, *data_, config,
                                              [ids](std::string_view id, std::optional<std::string_view> token) {
                                                return ids->find_key(id, token);
                                              });
    storage::BucketInfo bucket;  // anonymous requests may read and write it: no signing needed
    bucket.name = "pub";
    bucket.region = "cn-hangzhou";
    bucket.acl = "public-read-write";
    bucket.owner = kOwner;
    meta_->create_bucket(bucket);
    env_ = std::make_unique<SessionEnv>(SessionEnv{*service_, pool_, false});
  }

  void TearDown() override {
    pool_.join();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Sends `bytes` on one connection, then half-closes it; returns everything the server wrote.
  // Fails the test if an exception leaves run_session_on().
  std::string exchange(const std::string& bytes) {
    boost::asio::io_context ioc;
    boost::beast::test::stream server(ioc), client(ioc);
    server.connect(client);
    server.append(bytes);
    server.close_remote();
    bool escaped = false;
    boost::asio::co_spawn(ioc, run_session_on(server, *env_, info_), [&](std::exception_ptr e) { escaped = e != nullptr; });
    ioc.run();
    EXPECT_FALSE(escaped) << "an exception left run_session_on()";
    return std::string(client.str());
  }

  static std::string put(const std::string& key, std::size_t size) {
    return "PUT /pub/" + key + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n" +
           std::string(size, 'x');
  }
  static std::string get(const std::string& key) { return "GET /pub/" + key + " HTTP/1.1\r\nHost: localhost\r\n\r\n"; }

  static int count(const std::string& s, const std::string& what) {
    int n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::MetaStore> meta_;
  std::unique_ptr<ThrowingDataStore> data_;
  std::unique_ptr<identity::Registry> identities_;
  std::unique_ptr<api::Service> service_;
  boost::asio::thread_pool pool_{2};
  std::unique_ptr<SessionEnv> env_;
  const ConnectionInfo info_{"127.0.0.1:4242", false};
};

// 100 KiB: above the inline limit, so the object's bytes live in a blob of the DataStore.
constexpr std::size_t kBlobSize = 100 * 1024;

TEST_F(SessionGuardTest, ThrowingGetAnswers500WithItsRequestIdAndClosesOnlyThatConnection) {
  ASSERT_NE(exchange(put("big", kBlobSize)).find("HTTP/1.1 200"), std::string::npos);
  data_->fail = true;
  ::testing::internal::CaptureStderr();
  // Two pipelined requests: the first throws; the second must not be served on that connection.
  const std::string reply = exchange(get("big") + get("big"));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(reply.find("HTTP/1.1 500"), 0u) << reply;
  EXPECT_NE(reply.find("<Code>InternalError</Code>"), std::string::npos) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
  EXPECT_EQ(count(reply, "HTTP/1.1 "), 1) << reply;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(reply, id, std::regex("x-oss-request-id: ([0-9A-F]{24})")));
  EXPECT_EQ(count(log, id[1].str()), 1) << log;  // one log line, naming the request
  EXPECT_NE(log.find("injected: open"), std::string::npos) << log;

  data_->fail = false;  // the next connection is served as if nothing happened
  const std::string next = exchange(get("big"));
  EXPECT_EQ(next.find("HTTP/1.1 200"), 0u) << next.substr(0, 300);
  EXPECT_EQ(next.size() - next.find("\r\n\r\n") - 4, kBlobSize);
}

TEST_F(SessionGuardTest, ThrowingUploadAnswers500AndStoresNothing) {
  data_->fail = true;
  ::testing::internal::CaptureStderr();
  const std::string reply = exchange(put("up", kBlobSize) + get("up"));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(reply.find("HTTP/1.1 500"), 0u) << reply;
  EXPECT_EQ(count(reply, "HTTP/1.1 "), 1) << reply;
  EXPECT_NE(log.find("injected: create_writer"), std::string::npos) << log;

  data_->fail = false;
  EXPECT_EQ(exchange(get("up")).find("HTTP/1.1 404"), 0u);
  const std::string again = exchange(put("up", kBlobSize) + get("up"));
  EXPECT_EQ(count(again, "HTTP/1.1 200"), 2) << again.substr(0, 600);
}

}  // namespace
}  // namespace ossd::http
