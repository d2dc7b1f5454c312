// Small POSIX helpers for the local DataStore: retrying I/O, durable directories, random ids.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ossd::storage::local {

// Owns a file descriptor; closes it on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();
  // close() that reports failure: on some file systems (NFS) a late write error shows up here.
  bool close_checked();

 private:
  int fd_ = -1;
};

// write() until every byte is written, retrying EINTR and short writes. false on error.
bool write_all(int fd, std::span<const char> bytes);

// pread() retrying EINTR. Returns bytes read (0 at end of file) or -1.
int64_t pread_some(int fd, uint64_t offset, std::span<char> out);

// fsync of a directory: makes the entries created, renamed or removed in it durable.
bool fsync_dir(const std::string& dir);

// mkdir that treats "already exists" as success.
bool make_dir(const std::string& dir);

// 32 lowercase hex digits from the kernel's random source (128 bits: collisions between
// gateways sharing a directory are not a practical concern).
std::string random_hex_id();

// True if `s` looks like a reference this store produced (32 lowercase hex digits), which
// also keeps a hostile ref from naming a path outside the store.
bool is_valid_ref(const std::string& s);

}  // namespace ossd::storage::local
