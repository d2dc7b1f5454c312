// BackgroundIo (storage/local/background_io.hpp): fdatasync of a file being written and
// unlinks, on helper threads; a failed sync is kept until the writer asks.
#include "storage/local/background_io.hpp"

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

class BackgroundIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ossd-bgsync-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(BackgroundIoTest, RequestsWhileWritingThenWaitIdleSucceeds) {
  BackgroundIo syncer(2);
  auto a = temp_file(dir_, "a"), b = temp_file(dir_, "b");
  ASSERT_GE(a->fd(), 0);
  std::string mib(1024 * 1024, 'a');
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(write_all(a->fd(), {mib.data(), mib.size()}));
    ASSERT_TRUE(write_all(b->fd(), {mib.data(), mib.size()}));
    syncer.sync(a);
    syncer.sync(a);  // already queued or running: not queued twice
    syncer.sync(b);
  }
  EXPECT_TRUE(a->wait_idle());
  EXPECT_TRUE(b->wait_idle());
}

TEST_F(BackgroundIoTest, AFailedSyncIsReportedByWaitIdle) {
  BackgroundIo syncer(1);
  auto broken = std::make_shared<SyncedFile>(Fd(-1));  // fdatasync(-1) fails with EBADF
  syncer.sync(broken);
  EXPECT_FALSE(broken->wait_idle());
  EXPECT_FALSE(broken->wait_idle()) << "the failure must stay reported";
}

TEST_F(BackgroundIoTest, DroppingTheLastOwnerReferenceWhileQueuedIsSafe) {
  auto syncer = std::make_unique<BackgroundIo>(1);
  for (int i = 0; i < 20; ++i) syncer->sync(temp_file(dir_, "f" + std::to_string(i)));
  syncer.reset();  // runs what is queued, then joins
  SUCCEED();
}

TEST_F(BackgroundIoTest, UnlinksAreDoneByTheTimeItIsDestroyed) {
  auto io = std::make_unique<BackgroundIo>(2);
  for (int i = 0; i < 10; ++i) {
    const std::string name = "u" + std::to_string(i);
    ASSERT_GE(temp_file(dir_, name)->fd(), 0);
    io->unlink(dir_ + "/" + name);
  }
  io->unlink(dir_ + "/never-existed");  // ENOENT is fine
  io.reset();
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

}  // namespace
}  // namespace ossd::storage::local
