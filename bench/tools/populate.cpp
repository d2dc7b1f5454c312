// ossd_bench_populate: prepares a data folder BEFORE ossd starts: creates the buckets and fills
// one of them with zero-byte objects through the SQLite MetaStore (the same put_object path
// ossd uses, so the rows are exactly what ossd writes). Many threads call put_object at once
// so the MetaStore's group commit shares each fsync between hundreds of rows.
//
//   ossd_bench_populate --db <data>/meta.sqlite --bucket list --count 1000000
//       [--per-dir 1000] [--threads 256] [--also-bucket bench]...
//
// Keys are dir<NNNN>/obj<NNNNNNN> with --per-dir keys per directory, so a listing with
// delimiter "/" folds them into count/per-dir common prefixes.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_meta_store.hpp"

namespace {

using ossd::storage::Status;

struct Args {
  std::string db, bucket;
  std::vector<std::string> also;
  long count = 0;
  long per_dir = 1000;
  int threads = 256;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "ossd_bench_populate: " << why << "\n"
            << "usage: ossd_bench_populate --db FILE --bucket B --count N [--per-dir N] "
               "[--threads N] [--also-bucket B]...\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value for " + flag);
    std::string v = argv[++i];
    if (flag == "--db") a.db = v;
    else if (flag == "--bucket") a.bucket = v;
    else if (flag == "--also-bucket") a.also.push_back(v);
    else if (flag == "--count") a.count = std::stol(v);
    else if (flag == "--per-dir") a.per_dir = std::stol(v);
    else if (flag == "--threads") a.threads = std::stoi(v);
    else usage("unknown flag " + flag);
  }
  if (a.db.empty() || a.bucket.empty() || a.per_dir <= 0 || a.threads <= 0) usage("bad arguments");
  return a;
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The owner id ossd's root account will report (server/root_credentials.cpp reads it).
std::string owner_id(ossd::storage::MetaStore& meta) {
  if (auto id = meta.get_setting("owner_id")) return *id;
  const std::string id = "1000000000000001";
  if (meta.put_setting("owner_id", id) != Status::Ok) throw std::runtime_error("cannot store owner_id");
  return id;
}

void create_bucket(ossd::storage::MetaStore& meta, const std::string& name, const std::string& owner) {
  ossd::storage::BucketInfo b;
  b.name = name;
  b.region = "cn-hangzhou";
  b.owner = owner;
  b.created_ms = now_ms();
  Status s = meta.create_bucket(b);
  if (s != Status::Ok && s != Status::AlreadyExists) throw std::runtime_error("cannot create bucket " + name);
}

ossd::storage::ObjectMeta object_row(const Args& a, long i, int64_t ms) {
  char key[64];
  std::snprintf(key, sizeof key, "dir%04ld/obj%07ld", i / a.per_dir, i);
  ossd::storage::ObjectMeta m;
  m.bucket = a.bucket;
  m.key = key;
  m.etag = "D41D8CD98F00B204E9800998ECF8427E";  // MD5 of the empty body
  m.content_type = "application/octet-stream";
  m.last_modified_ms = ms;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  try {
    auto meta = ossd::storage::open_sqlite_meta_store(a.db);
    const std::string owner = owner_id(*meta);
    create_bucket(*meta, a.bucket, owner);
    for (const auto& b : a.also) create_bucket(*meta, b, owner);

    const auto start = std::chrono::steady_clock::now();
    const int64_t ms = now_ms();
    std::atomic<long> next{0};
    std::atomic<long> failed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < a.threads; ++t) {
      workers.emplace_back([&] {
        std::string replaced;
        for (long i = next++; i < a.count; i = next++) {
          if (meta->put_object(object_row(a, i, ms), false, &replaced) != Status::Ok) ++failed;
        }
      });
    }
    for (auto& w : workers) w.join();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("populated %ld keys in bucket %s in %.1f s (%.0f rows/s, %ld failed)\n", a.count,
                a.bucket.c_str(), secs, secs > 0 ? a.count / secs : 0.0, failed.load());
    return failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "ossd_bench_populate: " << e.what() << "\n";
    return 1;
  }
}
