#include "storage/local/local_data_store.hpp"

#include "storage/local/background_io.hpp"
#include "storage/local/posix_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ossd::storage::local {
namespace {

namespace fs = std::filesystem;

// Where things live under the root; see local_data_store.hpp for the layout.
class Layout {
 public:
  explicit Layout(std::string root) : root_(std::move(root)) {}
  const std::string& root() const { return root_; }
  std::string tmp_dir() const { return root_ + "/tmp"; }
  std::string objects_dir() const { return root_ + "/objects"; }
  std::string shard_dir(const std::string& ref) const { return objects_dir() + "/" + ref.substr(0, 2); }
  std::string blob_path(const std::string& ref) const { return shard_dir(ref) + "/" + ref; }
  std::string new_tmp_path() const { return tmp_dir() + "/" + random_hex_id() + ".tmp"; }

 private:
  std::string root_;
};

constexpr uint64_t kWritebackStep = 8ull * 1024 * 1024;

class LocalWriter final : public DataWriter {
 public:
  LocalWriter(const Layout& layout, BackgroundIo& background) : layout_(layout), background_(background), tmp_path_(layout.new_tmp_path()) {
    // O_EXCL: the random name must be new; never append to someone else's file.
    file_ = std::make_shared<SyncedFile>(Fd(::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)));
    failed_ = file_->fd() < 0;
  }

  // Never blocks: a background sync still running keeps the (unlinked) file open until done.
  ~LocalWriter() override {
    if (!committed_) ::unlink(tmp_path_.c_str());
  }

  bool write(std::span<const char> bytes) override {
    if (failed_ || committed_) return false;
    if (!write_all(file_->fd(), bytes)) {
      failed_ = true;
      return false;
    }
    written_ += bytes.size();
    if (written_ - sync_requested_ >= kSyncEvery) {
      background_.sync(file_);
      sync_requested_ = written_;
    }
    // Start writeback of every full kWritebackStep behind us (SYNC_FILE_RANGE_WRITE only queues
    // it), so commit()'s fdatasync finds most of a large blob already on its way to the disk
    // instead of flushing it all at the end (measured: docs/performance.md, "Round 3").
    // Advisory: an error here changes nothing, fdatasync still decides.
    while (written_ - started_ >= kWritebackStep) {
      ::sync_file_range(file_->fd(), static_cast<off_t>(started_), kWritebackStep, SYNC_FILE_RANGE_WRITE);
      started_ += kWritebackStep;
    }
    return true;
  }

  std::optional<std::string> commit() override;
  uint64_t bytes_written() const override { return written_; }

 private:
  const Layout& layout_;
  BackgroundIo& background_;
  std::string tmp_path_;
  std::shared_ptr<SyncedFile> file_;
  uint64_t written_ = 0;
  uint64_t started_ = 0;         // bytes whose writeback has been started
  uint64_t sync_requested_ = 0;  // written_ when a background fdatasync was last asked for
  bool failed_ = false;
  bool committed_ = false;
};

std::optional<std::string> LocalWriter::commit() {
  if (failed_ || committed_) return std::nullopt;
  failed_ = true;  // the writer is spent whatever happens below
  // 1. The bytes must be on disk before any name points at them; otherwise a crash after the
  //    rename could leave a committed name whose content is zeros or truncated.
  //    Most of a large blob was synced in the background already (background_io.hpp).
  if (!file_->wait_idle() || ::fdatasync(file_->fd()) != 0 || !file_->owned_fd().close_checked()) return std::nullopt;
  // 2. rename() is atomic: readers see either no blob or the whole blob, never a partial one.
  std::string ref = random_hex_id();
  if (::rename(tmp_path_.c_str(), layout_.blob_path(ref).c_str()) != 0) return std::nullopt;
  committed_ = true;
  // 3. The rename lives in the directory, not in the file: until the directory is fsynced a
  //    power loss can forget the new name even though the bytes are durable. The metadata
  //    commit that follows would then point at a missing blob, so this must finish first.
  if (!fsync_dir(layout_.shard_dir(ref))) {
    ::unlink(layout_.blob_path(ref).c_str());
    return std::nullopt;
  }
  return ref;
}

class LocalReader final : public DataReader {
 public:
  LocalReader(Fd fd, uint64_t size) : fd_(std::move(fd)), size_(size) {}
  uint64_t size() const override { return size_; }
  int64_t read_at(uint64_t offset, std::span<char> out) override {
    if (offset >= size_) return 0;
    return pread_some(fd_.get(), offset, out);
  }
  int native_fd() const override { return fd_.get(); }

 private:
  Fd fd_;
  uint64_t size_;
};

std::size_t remove_all_in(const std::string& dir, const std::function<bool(const std::string&)>& keep) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (keep(name)) continue;
    if (::unlink(entry.path().c_str()) == 0) ++removed;
  }
  return removed;
}

class LocalDataStore final : public DataStore {
 public:
  explicit LocalDataStore(const std::string& root) : layout_(root) {}

  std::unique_ptr<DataWriter> create_writer() override { return std::make_unique<LocalWriter>(layout_, background_); }

  std::unique_ptr<DataReader> open(const std::string& ref) override {
    if (!is_valid_ref(ref)) return nullptr;
    Fd fd(::open(layout_.blob_path(ref).c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st;
    if (!fd.valid() || ::fstat(fd.get(), &st) != 0) return nullptr;
    return std::make_unique<LocalReader>(std::move(fd), static_cast<uint64_t>(st.st_size));
  }

  // No directory fsync: if a crash forgets the unlink, the blob is unreferenced and the
  // start-up sweep removes it.
  void remove(const std::string& ref) override {
    if (is_valid_ref(ref)) ::unlink(layout_.blob_path(ref).c_str());  // ENOENT is fine
  }
  void remove_later(const std::string& ref) override {
    if (is_valid_ref(ref)) background_.unlink(layout_.blob_path(ref));
  }

  std::size_t sweep_orphans(const std::function<bool(const std::string&)>& is_live) override {
    // Nothing in tmp/ belongs to a live request: the sweep runs before serving.
    std::size_t removed = remove_all_in(layout_.tmp_dir(), [](const std::string&) { return false; });
    std::error_code ec;
    for (const auto& shard : fs::directory_iterator(layout_.objects_dir(), ec)) {
      removed += remove_all_in(shard.path().string(), is_live);
    }
    return removed;
  }

  void create_layout() const;

 private:
  Layout layout_;
  // Two threads: one upload's sync never waits behind another's, or an unlink, for long.
  BackgroundIo background_{2};
};

// Every directory a commit needs exists (durably) before the first write, so commit is
// exactly one fdatasync, one rename and one directory fsync.
void LocalDataStore::create_layout() const {
  auto must = [](bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("data store: cannot prepare " + what + ": " + std::strerror(errno));
  };
  must(make_dir(layout_.root()), layout_.root());
  must(make_dir(layout_.tmp_dir()), layout_.tmp_dir());
  must(make_dir(layout_.objects_dir()), layout_.objects_dir());
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 256; ++i) {
    const std::string shard = layout_.objects_dir() + "/" + kHex[i >> 4] + kHex[i & 0xF];
    must(make_dir(shard), shard);
  }
  must(fsync_dir(layout_.objects_dir()), layout_.objects_dir());
  must(fsync_dir(layout_.root()), layout_.root());
}

}  // namespace
}  // namespace ossd::storage::local

namespace ossd::storage {

std::unique_ptr<DataStore> open_local_data_store(const std::string& root_dir) {
  auto store = std::make_unique<local::LocalDataStore>(root_dir);
  store->create_layout();
  return store;
}

}  // namespace ossd::storage
