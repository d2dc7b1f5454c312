// The backends the conformance suites run against, and a temporary directory per test.
#pragma once

#include "storage/data_store.hpp"
#include "storage/meta_store.hpp"

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ossd::storage::testing {

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Opens the store kept in `dir`; called again with the same dir to test reopening.
struct MetaBackend {
  std::string name;
  std::function<std::unique_ptr<MetaStore>(const std::string& dir)> open;
};

struct DataBackend {
  std::string name;
  std::function<std::unique_ptr<DataStore>(const std::string& dir)> open;
};

std::vector<MetaBackend> meta_backends();
std::vector<DataBackend> data_backends();

// Test parameter names for gtest, and how gtest prints a parameter.
inline std::string backend_name(const MetaBackend& b) { return b.name; }
inline std::string backend_name(const DataBackend& b) { return b.name; }
inline void PrintTo(const MetaBackend& b, std::ostream* os) { *os << b.name; }
inline void PrintTo(const DataBackend& b, std::ostream* os) { *os << b.name; }

}  // namespace ossd::storage::testing
