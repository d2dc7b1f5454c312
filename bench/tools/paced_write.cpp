// ossd_bench_paced_write: how much of a durable large write is its final fdatasync, and what
// syncing in the background while writing changes (docs/performance.md, "Round 4"). Writes
// SIZE MiB in 256 KiB pieces at RATE MB/s (0: as fast as possible), starting writeback every
// 8 MiB like the local DataStore, optionally fdatasync-ing every EVERY MiB on a second thread,
// then one final fdatasync. Prints the times. Not a test; the file is removed.
//
//   ossd_bench_paced_write DIR SIZE_MIB RATE_MBS EVERY_MIB
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: ossd_bench_paced_write DIR SIZE_MIB RATE_MBS EVERY_MIB\n");
    return 2;
  }
  const std::string path = std::string(argv[1]) + "/paced_write.tmp";
  const long size = std::atol(argv[2]) << 20;
  const double rate = std::atof(argv[3]);
  const long every = std::atol(argv[4]) << 20;
  constexpr long kPiece = 256 << 10, kWriteback = 8 << 20;
  int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0) return std::perror("open"), 1;
  std::vector<char> piece(kPiece, 'p');
  std::atomic<long> written{0};
  std::atomic<bool> done{false};
  int syncs = 0;
  std::thread syncer;
  if (every > 0) {
    syncer = std::thread([&] {
      long last = 0;
      while (!done) {
        if (written - last >= every) {
          last = written;
          ::fdatasync(fd);
          ++syncs;
        } else {
          std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
      }
    });
  }
  const auto t0 = Clock::now();
  long started = 0;
  while (written < size) {
    if (::write(fd, piece.data(), piece.size()) != kPiece) return std::perror("write"), 1;
    written += kPiece;
    for (; written - started >= kWriteback; started += kWriteback) {
      ::sync_file_range(fd, started, kWriteback, SYNC_FILE_RANGE_WRITE);
    }
    if (rate > 0) {
      const auto due = t0 + std::chrono::duration<double>(written / (rate * 1e6));
      while (Clock::now() < due) {}  // pace like a network peer would
    }
  }
  const double wrote = since(t0);
  done = true;
  if (syncer.joinable()) syncer.join();
  const auto t1 = Clock::now();
  if (::fdatasync(fd) != 0) return std::perror("fdatasync"), 1;
  const double final_sync = since(t1), total = since(t0);
  ::close(fd);
  ::unlink(path.c_str());
  std::printf("size_mib=%ld rate_mbs=%.0f every_mib=%ld background_syncs=%d write_s=%.3f final_fdatasync_s=%.3f "
              "durable_mb_s=%.0f\n", size >> 20, rate, every >> 20, syncs, wrote, final_sync, size / total / 1e6);
  return 0;
}
