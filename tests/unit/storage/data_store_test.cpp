// DataStore conformance (every backend), plus local-layout checks for the file backend.
#include "backends.hpp"

#include "storage/local/local_data_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace ossd::storage::testing {
namespace {

std::span<const char> bytes(const std::string& s) { return {s.data(), s.size()}; }

class DataStoreTest : public ::testing::TestWithParam<DataBackend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path()); }

  std::string commit_blob(const std::string& content) {
    auto w = store_->create_writer();
    EXPECT_TRUE(w->write(bytes(content)));
    auto ref = w->commit();
    EXPECT_TRUE(ref.has_value());
    return ref.value_or("");
  }

  std::string read_all(const std::string& ref) {
    auto r = store_->open(ref);
    if (!r) return "<missing>";
    std::string out(r->size(), '\0');
    EXPECT_EQ(r->read_at(0, {out.data(), out.size()}), static_cast<int64_t>(out.size()));
    return out;
  }

  // Removes nothing live; counts what a sweep finds to delete.
  std::size_t leftovers() {
    return store_->sweep_orphans([](const std::string&) { return true; });
  }

  TempDir dir_;
  std::unique_ptr<DataStore> store_;
};

TEST_P(DataStoreTest, WriteCommitRead) {
  auto w = store_->create_writer();
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "chunk-" + std::to_string(i) + ";";
  ASSERT_TRUE(w->write(bytes(content.substr(0, 100))));
  ASSERT_TRUE(w->write(bytes(content.substr(100))));
  EXPECT_EQ(w->bytes_written(), content.size());
  auto ref = w->commit();
  ASSERT_TRUE(ref.has_value());
  EXPECT_FALSE(w->commit().has_value());  // spent

  auto r = store_->open(*ref);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), content.size());
  char buf[10];
  ASSERT_EQ(r->read_at(6, {buf, 4}), 4);
  EXPECT_EQ(std::string(buf, 4), "0;ch");
  ASSERT_EQ(r->read_at(content.size() - 3, {buf, 10}), 3);
  EXPECT_EQ(r->read_at(content.size(), {buf, 10}), 0);
  EXPECT_EQ(read_all(*ref), content);
}

// 20 MiB in uneven pieces (1 byte to 3 MiB): a large body arrives like this from the socket;
// the bytes must come back in order.
TEST_P(DataStoreTest, LargeBlobInUnevenPieces) {
  std::string content(20 * 1024 * 1024 + 12345, '\0');
  uint32_t x = 12345;
  for (char& c : content) c = static_cast<char>((x = x * 1103515245 + 12345) >> 24);
  auto w = store_->create_writer();
  std::size_t pos = 0, piece = 1;
  while (pos < content.size()) {
    std::size_t n = std::min(content.size() - pos, piece);
    ASSERT_TRUE(w->write(bytes(content.substr(pos, n))));
    pos += n;
    piece = piece * 3 + 7;
    if (piece > 3 * 1024 * 1024) piece = 1000;
  }
  EXPECT_EQ(w->bytes_written(), content.size());
  auto ref = w->commit();
  ASSERT_TRUE(ref.has_value());
  EXPECT_TRUE(read_all(*ref) == content);
}

// Past kSyncEvery (32 MiB) the local store syncs the blob in the background while it is
// written (background_io.hpp); the commit and the bytes must be unaffected.
TEST_P(DataStoreTest, BlobPastSeveralBackgroundSyncs) {
  std::string piece(1024 * 1024 + 17, '\0');
  for (std::size_t i = 0; i < piece.size(); ++i) piece[i] = static_cast<char>(i * 131 + 7);
  auto w = store_->create_writer();
  for (int i = 0; i < 70; ++i) ASSERT_TRUE(w->write(bytes(piece)));
  auto ref = w->commit();
  ASSERT_TRUE(ref.has_value());
  auto r = store_->open(*ref);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->size(), 70 * piece.size());
  std::string back(piece.size(), '\0');
  ASSERT_EQ(r->read_at(69 * piece.size(), {back.data(), back.size()}), static_cast<int64_t>(piece.size()));
  EXPECT_TRUE(back == piece);
}

// Dropped right after a background sync was asked for: nothing left behind, and the
// destructor does not wait for the sync.
TEST_P(DataStoreTest, AbortedWhileABackgroundSyncRuns) {
  for (int round = 0; round < 3; ++round) {
    auto w = store_->create_writer();
    std::string mib(1024 * 1024, 'y');
    for (int i = 0; i < 33; ++i) ASSERT_TRUE(w->write(bytes(mib)));
  }
  EXPECT_EQ(leftovers(), 0u);
}

TEST_P(DataStoreTest, LargeBlobAbortedLeavesNothing) {
  {
    auto w = store_->create_writer();
    std::string mib(1024 * 1024, 'x');
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(w->write(bytes(mib)));
  }  // destroyed without commit
  EXPECT_EQ(leftovers(), 0u);
}

TEST_P(DataStoreTest, RefsAreDistinctAndEmptyBlobWorks) {
  std::set<std::string> refs;
  for (int i = 0; i < 20; ++i) refs.insert(commit_blob("x"));
  EXPECT_EQ(refs.size(), 20u);
  const std::string empty = commit_blob("");
  EXPECT_EQ(read_all(empty), "");
}

TEST_P(DataStoreTest, AbortByDestructionLeavesNothing) {
  {
    auto w = store_->create_writer();
    ASSERT_TRUE(w->write(bytes("never committed")));
  }
  EXPECT_EQ(leftovers(), 0u);
}

TEST_P(DataStoreTest, SweepRemovesUnreferencedAndKeepsLive) {
  const std::string live = commit_blob("live");
  const std::string dead = commit_blob("dead");
  auto in_flight = store_->create_writer();  // as if a crash interrupted this upload
  ASSERT_TRUE(in_flight->write(bytes("partial")));
  // The in-flight temporary file and the dead blob go; the live blob stays.
  EXPECT_EQ(store_->sweep_orphans([&](const std::string& r) { return r == live; }), 2u);
  EXPECT_EQ(read_all(live), "live");
  EXPECT_FALSE(store_->open(dead));
  EXPECT_FALSE(in_flight->commit().has_value());
  EXPECT_EQ(leftovers(), 0u);
}

TEST_P(DataStoreTest, RemoveAndMissingRefs) {
  const std::string ref = commit_blob("bye");
  auto reader = store_->open(ref);
  store_->remove(ref);
  EXPECT_FALSE(store_->open(ref));
  store_->remove(ref);  // already gone: harmless
  store_->remove("0123456789abcdef0123456789abcdef");
  store_->remove("../../etc/passwd");
  EXPECT_FALSE(store_->open("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(store_->open(""));
  // A reader opened before the removal keeps reading the old bytes.
  ASSERT_TRUE(reader);
  char buf[3];
  EXPECT_EQ(reader->read_at(0, {buf, 3}), 3);
  EXPECT_EQ(std::string(buf, 3), "bye");
}

// remove_later() may finish after returning; by the time the store is closed it is done.
TEST_P(DataStoreTest, RemoveLaterIsDoneWhenTheStoreCloses) {
  const std::string gone = commit_blob("replaced");
  const std::string kept = commit_blob("current");
  store_->remove_later(gone);
  store_->remove_later("../../etc/passwd");  // refused like remove()
  store_.reset();  // closing waits for what is queued
  store_ = GetParam().open(dir_.path());
  EXPECT_FALSE(store_->open(gone));
  EXPECT_EQ(read_all(kept), "current");
  EXPECT_EQ(store_->sweep_orphans([&](const std::string& r) { return r == kept; }), 0u)
      << "the replaced blob must already be gone";
}

TEST_P(DataStoreTest, ReopenKeepsCommittedBlobs) {
  const std::string ref = commit_blob("persist");
  store_ = GetParam().open(dir_.path());
  EXPECT_EQ(read_all(ref), "persist");
}

INSTANTIATE_TEST_SUITE_P(All, DataStoreTest, ::testing::ValuesIn(data_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// Local backend specifics: the on-disk layout of docs/on-disk-format.md.
TEST(LocalDataStore, LayoutAndNativeFd) {
  TempDir dir;
  auto store = open_local_data_store(dir.path() + "/data");
  namespace fs = std::filesystem;
  EXPECT_TRUE(fs::is_directory(dir.path() + "/data/tmp"));
  EXPECT_TRUE(fs::is_directory(dir.path() + "/data/objects/00"));
  EXPECT_TRUE(fs::is_directory(dir.path() + "/data/objects/ff"));

  auto w = store->create_writer();
  ASSERT_TRUE(w->write(bytes("abc")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path() + "/data/tmp"), fs::directory_iterator()), 1);
  auto ref = w->commit();
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->size(), 32u);
  EXPECT_TRUE(fs::is_regular_file(dir.path() + "/data/objects/" + ref->substr(0, 2) + "/" + *ref));
  EXPECT_TRUE(fs::is_empty(dir.path() + "/data/tmp"));
  EXPECT_GE(store->open(*ref)->native_fd(), 0);

  std::ofstream(dir.path() + "/data/tmp/crashed.tmp") << "junk";
  EXPECT_EQ(store->sweep_orphans([](const std::string&) { return true; }), 1u);
  EXPECT_TRUE(fs::is_empty(dir.path() + "/data/tmp"));
}

TEST(LocalDataStore, OpenFailsOnUnusableRoot) {
  EXPECT_THROW(open_local_data_store("/proc/ossd-cannot-create"), std::runtime_error);
}

}  // namespace
}  // namespace ossd::storage::testing
