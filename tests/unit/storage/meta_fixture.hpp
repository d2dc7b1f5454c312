// Shared fixture for the MetaStore conformance suites: a store opened by each backend in a
// fresh directory, plus helpers to build records.
#pragma once

#include "backends.hpp"

#include <gtest/gtest.h>

namespace ossd::storage::testing {

class MetaStoreTest : public ::testing::TestWithParam<MetaBackend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path()); }

  void reopen() {
    store_.reset();
    store_ = GetParam().open(dir_.path());
  }

  static BucketInfo bucket(const std::string& name) {
    BucketInfo b;
    b.name = name;
    b.region = "cn-hangzhou";
    b.owner = "owner-1";
    b.created_ms = 1700000000000;
    return b;
  }

  static ObjectMeta object(const std::string& bucket, const std::string& key, const std::string& ref = "") {
    ObjectMeta m;
    m.bucket = bucket;
    m.key = key;
    m.size = 5;
    m.etag = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
    m.crc64 = 0xFEDCBA9876543210ULL;  // top bit set: must survive the signed column
    m.content_type = "text/plain";
    m.last_modified_ms = 1700000001234;
    m.data_ref = ref;
    return m;
  }

  // Puts `key` into `bucket` with no preconditions; fails the test on error.
  void put(const std::string& bucket, const std::string& key, const std::string& ref = "") {
    std::string replaced;
    ASSERT_EQ(store_->put_object(object(bucket, key, ref), false, &replaced), Status::Ok) << key;
  }

  TempDir dir_;
  std::unique_ptr<MetaStore> store_;
};

#define OSSD_INSTANTIATE_META(suite) \
  INSTANTIATE_TEST_SUITE_P(All, suite, ::testing::ValuesIn(meta_backends()), \
                           [](const auto& info) { return backend_name(info.param); })

}  // namespace ossd::storage::testing
