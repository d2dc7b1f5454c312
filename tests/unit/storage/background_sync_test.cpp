// BackgroundSync (storage/local/background_sync.hpp): fdatasync of a file being written, on a
// helper thread; a failure is kept until the writer asks.
#include "storage/local/background_sync.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ossd::storage::local {
namespace {

std::shared_ptr<SyncedFile> temp_file(const std::string& dir, const std::string& name) {
  return std::make_shared<SyncedFile>(Fd(::open((dir + "/" + name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)));
}

class BackgroundSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ossd-bgsync-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(BackgroundSyncTest, RequestsWhileWritingThenWaitIdleSucceeds) {
  BackgroundSync syncer(2);
  auto a = temp_file(dir_, "a"), b = temp_file(dir_, "b");
  ASSERT_GE(a->fd(), 0);
  std::string mib(1024 * 1024, 'a');
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(write_all(a->fd(), {mib.data(), mib.size()}));
    ASSERT_TRUE(write_all(b->fd(), {mib.data(), mib.size()}));
    syncer.request(a);
    syncer.request(a);  // already queued or running: not queued twice
    syncer.request(b);
  }
  EXPECT_TRUE(a->wait_idle());
  EXPECT_TRUE(b->wait_idle());
}

TEST_F(BackgroundSyncTest, AFailedSyncIsReportedByWaitIdle) {
  BackgroundSync syncer(1);
  auto broken = std::make_shared<SyncedFile>(Fd(-1));  // fdatasync(-1) fails with EBADF
  syncer.request(broken);
  EXPECT_FALSE(broken->wait_idle());
  EXPECT_FALSE(broken->wait_idle()) << "the failure must stay reported";
}

TEST_F(BackgroundSyncTest, DroppingTheLastOwnerReferenceWhileQueuedIsSafe) {
  auto syncer = std::make_unique<BackgroundSync>(1);
  for (int i = 0; i < 20; ++i) syncer->request(temp_file(dir_, "f" + std::to_string(i)));
  syncer.reset();  // runs what is queued, then joins
  SUCCEED();
}

}  // namespace
}  // namespace ossd::storage::local
