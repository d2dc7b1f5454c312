// MetaStore conformance: objects (put, replace, preconditions, delete, refs, concurrency).
#include "meta_fixture.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace ossd::storage::testing {
namespace {

class ObjectTest : public MetaStoreTest {
 protected:
  void SetUp() override {
    MetaStoreTest::SetUp();
    ASSERT_EQ(store_->create_bucket(bucket("b")), Status::Ok);
  }
};

TEST_P(ObjectTest, PutThenGetReturnsEveryField) {
  ObjectMeta m = object("b", "dir/file.txt", "ref-1");
  m.object_type = "Appendable";
  m.storage_class = "Archive";
  m.acl = "public-read";
  m.size = 1ULL << 40;
  m.headers = {{"Content-Encoding", "gzip"}, {"Expires", "Thu, 01 Dec 1994 16:00:00 GMT"}};
  m.user_meta = {{"x-oss-meta-b", "2"}, {"x-oss-meta-a", "\xe4\xb8\xad"}};
  std::string replaced = "untouched";
  ASSERT_EQ(store_->put_object(m, false, &replaced), Status::Ok);
  EXPECT_EQ(replaced, "");

  auto got = store_->get_object("b", "dir/file.txt");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->bucket, "b");
  EXPECT_EQ(got->key, m.key);
  EXPECT_EQ(got->size, m.size);
  EXPECT_EQ(got->etag, m.etag);
  EXPECT_EQ(got->crc64, m.crc64);
  EXPECT_EQ(got->content_type, m.content_type);
  EXPECT_EQ(got->last_modified_ms, m.last_modified_ms);
  EXPECT_EQ(got->object_type, "Appendable");
  EXPECT_EQ(got->storage_class, "Archive");
  EXPECT_EQ(got->acl, "public-read");
  EXPECT_EQ(got->headers, m.headers);  // order preserved
  EXPECT_EQ(got->user_meta, m.user_meta);
  EXPECT_EQ(got->data_ref, "ref-1");
  EXPECT_FALSE(store_->get_object("b", "dir/file.tx").has_value());
  EXPECT_FALSE(store_->get_object("other", "dir/file.txt").has_value());
}

TEST_P(ObjectTest, InlineDataRoundTripsAndStaysOutOfListings) {
  ObjectMeta m = object("b", "small");
  m.inline_data = std::string("he\0llo", 6);
  m.size = m.inline_data.size();
  std::string replaced;
  ASSERT_EQ(store_->put_object(m, false, &replaced), Status::Ok);
  auto got = store_->get_object("b", "small");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->inline_data, m.inline_data);
  EXPECT_TRUE(got->data_ref.empty());
  auto page = store_->list_objects("b", ListQuery{"", "", "", 10});
  ASSERT_EQ(page.objects.size(), 1u);
  EXPECT_TRUE(page.objects[0].inline_data.empty());
  // Replacing an inline object by a blob-backed one clears the inline bytes.
  ASSERT_EQ(store_->put_object(object("b", "small", "ref-1"), false, &replaced), Status::Ok);
  EXPECT_TRUE(replaced.empty());
  EXPECT_TRUE(store_->get_object("b", "small")->inline_data.empty());
}

TEST_P(ObjectTest, ReplaceReturnsOldRef) {
  std::string replaced;
  ASSERT_EQ(store_->put_object(object("b", "k", "ref-1"), false, &replaced), Status::Ok);
  ObjectMeta second = object("b", "k", "ref-2");
  second.etag = "NEW";
  ASSERT_EQ(store_->put_object(second, false, &replaced), Status::Ok);
  EXPECT_EQ(replaced, "ref-1");
  EXPECT_EQ(store_->get_object("b", "k")->etag, "NEW");
  // Rewriting metadata over the same blob must not hand that blob out for deletion.
  ASSERT_EQ(store_->put_object(second, false, &replaced), Status::Ok);
  EXPECT_EQ(replaced, "");
}

TEST_P(ObjectTest, ForbidOverwrite) {
  std::string replaced;
  ASSERT_EQ(store_->put_object(object("b", "k", "ref-1"), true, &replaced), Status::Ok);
  EXPECT_EQ(store_->put_object(object("b", "k", "ref-2"), true, &replaced), Status::PreconditionFailed);
  EXPECT_EQ(store_->get_object("b", "k")->data_ref, "ref-1");
}

TEST_P(ObjectTest, ExpectedEtag) {
  std::string replaced;
  ObjectMeta m = object("b", "k", "ref-2");
  m.expected_etag = "OLD";
  EXPECT_EQ(store_->put_object(m, false, &replaced), Status::PreconditionFailed);  // absent
  ObjectMeta first = object("b", "k", "ref-1");
  first.etag = "OLD";
  ASSERT_EQ(store_->put_object(first, false, &replaced), Status::Ok);
  m.expected_etag = "OTHER";
  EXPECT_EQ(store_->put_object(m, false, &replaced), Status::PreconditionFailed);
  EXPECT_EQ(store_->get_object("b", "k")->data_ref, "ref-1");
  m.expected_etag = "OLD";
  ASSERT_EQ(store_->put_object(m, false, &replaced), Status::Ok);
  EXPECT_EQ(replaced, "ref-1");
  EXPECT_EQ(store_->get_object("b", "k")->data_ref, "ref-2");
}

TEST_P(ObjectTest, Delete) {
  std::string ref;
  EXPECT_EQ(store_->delete_object("b", "k", &ref), Status::NotFound);
  put("b", "k", "ref-1");
  ASSERT_EQ(store_->delete_object("b", "k", &ref), Status::Ok);
  EXPECT_EQ(ref, "ref-1");
  EXPECT_FALSE(store_->get_object("b", "k").has_value());
  EXPECT_EQ(store_->delete_object("b", "k", &ref), Status::NotFound);
}

TEST_P(ObjectTest, ForEachDataRefSkipsEmptyObjects) {
  ASSERT_EQ(store_->create_bucket(bucket("c")), Status::Ok);
  put("b", "1", "ref-1");
  put("b", "2", "");  // zero-byte object: no blob
  put("c", "3", "ref-3");
  std::multiset<std::string> refs;
  store_->for_each_data_ref([&](const std::string& r) { refs.insert(r); });
  EXPECT_EQ(refs, (std::multiset<std::string>{"ref-1", "ref-3"}));
}

// 8 threads put distinct keys and fight over one shared key. Every put must be applied
// exactly once: each ref written to the shared key is either the final one or reported as
// replaced exactly once, so no blob leaks and none is deleted twice.
TEST_P(ObjectTest, ConcurrentWriters) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::mutex mu;
  std::vector<std::string> replaced_refs;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        std::string replaced;
        EXPECT_EQ(store_->put_object(object("b", "own/" + id, "own-" + id), false, &replaced), Status::Ok);
        EXPECT_EQ(store_->put_object(object("b", "shared", "shared-" + id), false, &replaced), Status::Ok);
        std::lock_guard lock(mu);
        if (!replaced.empty()) replaced_refs.push_back(replaced);
      }
    });
  }
  for (auto& th : threads) th.join();

  ListQuery q{"own/", "", "", 1000};
  EXPECT_EQ(store_->list_objects("b", q).objects.size(), static_cast<size_t>(kThreads * kPerThread));
  replaced_refs.push_back(store_->get_object("b", "shared")->data_ref);
  std::sort(replaced_refs.begin(), replaced_refs.end());
  EXPECT_EQ(std::adjacent_find(replaced_refs.begin(), replaced_refs.end()), replaced_refs.end());
  EXPECT_EQ(replaced_refs.size(), static_cast<size_t>(kThreads * kPerThread));
}

TEST_P(ObjectTest, ReadersSeeCommittedWritesWhileWriting) {
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; i < 100; ++i) put("b", "w" + std::to_string(i), "r" + std::to_string(i));
    stop = true;
  });
  size_t last = 0;
  while (!stop) {
    size_t n = store_->list_objects("b", ListQuery{"w", "", "", 1000}).objects.size();
    EXPECT_GE(n, last);  // listings never go backwards
    last = n;
  }
  writer.join();
  EXPECT_EQ(store_->list_objects("b", ListQuery{"w", "", "", 1000}).objects.size(), 100u);
}

// get_object is served from an in-memory cache in the SQLite store (generation_cache.hpp):
// readers hammering one key while it is rewritten must never see a value older than the last
// write that returned before their read began, and after the writes stop they see the last one.
TEST_P(ObjectTest, ReadsOfAKeyBeingRewrittenAreNeverStale) {
  constexpr int kWrites = 300;
  std::atomic<int> written{-1};  // the highest i whose put_object has returned
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        const int floor = written.load();
        auto got = store_->get_object("b", "hot");
        if (floor < 0) continue;
        ASSERT_TRUE(got.has_value());
        EXPECT_GE(std::stoi(got->data_ref.substr(4)), floor) << "a read saw a value older than a finished write";
      }
    });
  }
  for (int i = 0; i < kWrites; ++i) {
    put("b", "hot", "ref-" + std::to_string(i));
    written = i;
  }
  stop = true;
  for (auto& th : readers) th.join();
  EXPECT_EQ(store_->get_object("b", "hot")->data_ref, "ref-" + std::to_string(kWrites - 1));
  std::string ref;
  ASSERT_EQ(store_->delete_object("b", "hot", &ref), Status::Ok);
  EXPECT_FALSE(store_->get_object("b", "hot").has_value());
  ASSERT_EQ(store_->update_object_acl("b", "hot", "public-read"), Status::NotFound);
  put("b", "hot", "ref-again");
  ASSERT_EQ(store_->update_object_acl("b", "hot", "public-read"), Status::Ok);
  EXPECT_EQ(store_->get_object("b", "hot")->acl, "public-read");
}

OSSD_INSTANTIATE_META(ObjectTest);

}  // namespace
}  // namespace ossd::storage::testing
