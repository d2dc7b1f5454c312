#include "backends.hpp"

#include "storage/local/local_data_store.hpp"
#include "storage/sqlite/sqlite_meta_store.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace ossd::storage::testing {

TempDir::TempDir() {
  char tmpl[] = "/tmp/ossd_storage_test_XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::vector<MetaBackend> meta_backends() {
  return {
      {"Sqlite", [](const std::string& dir) { return open_sqlite_meta_store(dir + "/meta.db"); }},
  };
}

std::vector<DataBackend> data_backends() {
  return {
      {"Local", [](const std::string& dir) { return open_local_data_store(dir + "/data"); }},
  };
}

}  // namespace ossd::storage::testing
