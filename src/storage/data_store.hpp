// DataStore: object bytes, as immutable blobs named by an opaque data reference.
//
// Contract:
// - A Writer streams bytes to a temporary place. commit() returns only when the bytes and
//   the directory entry that names them are on stable storage (fsync of file and directory),
//   and returns the new reference. Until commit() nothing is visible; a Writer destroyed
//   without commit() removes its temporary file. A crash before commit leaves a temporary
//   file that sweep_orphans() removes at start-up.
// - Blobs are never modified after commit, so an overwrite is: write a new blob, switch the
//   metadata to it, then remove() the old one. A reader that opened the old blob keeps
//   reading it (POSIX unlink semantics).
// - Thread-safe across objects; one Writer or Reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace ossd::storage {

class DataWriter {
 public:
  virtual ~DataWriter() = default;
  // false on I/O error (disk full...).
  virtual bool write(std::span<const char> bytes) = 0;
  // Durable commit; nullopt on I/O error. The writer is spent afterwards.
  virtual std::optional<std::string> commit() = 0;
  virtual uint64_t bytes_written() const = 0;
};

class DataReader {
 public:
  virtual ~DataReader() = default;
  virtual uint64_t size() const = 0;
  // Reads up to out.size() bytes at offset; returns bytes read (0 at end), -1 on error.
  virtual int64_t read_at(uint64_t offset, std::span<char> out) = 0;
  // The file descriptor for zero-copy sendfile, or -1 when the blob is not a plain file.
  virtual int native_fd() const { return -1; }
};

class DataStore {
 public:
  virtual ~DataStore() = default;
  virtual std::unique_ptr<DataWriter> create_writer() = 0;
  // nullptr when the reference does not exist (e.g. removed by a concurrent overwrite).
  virtual std::unique_ptr<DataReader> open(const std::string& data_ref) = 0;
  virtual void remove(const std::string& data_ref) = 0;
  // remove() that may finish after returning, for a blob no metadata refers to any more
  // (replaced by an overwrite, or deleted) when the caller does not need it gone now: the
  // response need not wait for it. A crash before it is done leaves an orphan for
  // sweep_orphans().
  virtual void remove_later(const std::string& data_ref) { remove(data_ref); }
  // Removes temporary files and every committed blob for which is_live(ref) is false.
  // Returns how many files were removed. Called once at start-up, before serving.
  virtual std::size_t sweep_orphans(const std::function<bool(const std::string&)>& is_live) = 0;
};

}  // namespace ossd::storage
