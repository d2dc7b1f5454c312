// MetaStore conformance: buckets, settings, durability across reopen.
#include "meta_fixture.hpp"

namespace ossd::storage::testing {
namespace {

using BucketTest = MetaStoreTest;

std::vector<std::string> names(const std::vector<BucketInfo>& buckets) {
  std::vector<std::string> out;
  for (const auto& b : buckets) out.push_back(b.name);
  return out;
}

TEST_P(BucketTest, CreateGetAndDuplicate) {
  BucketInfo b = bucket("photos");
  b.acl = "public-read";
  b.storage_class = "IA";
  b.data_redundancy = "ZRS";
  ASSERT_EQ(store_->create_bucket(b), Status::Ok);
  EXPECT_EQ(store_->create_bucket(bucket("photos")), Status::AlreadyExists);

  auto got = store_->get_bucket("photos");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "photos");
  EXPECT_EQ(got->region, "cn-hangzhou");
  EXPECT_EQ(got->acl, "public-read");
  EXPECT_EQ(got->storage_class, "IA");
  EXPECT_EQ(got->data_redundancy, "ZRS");
  EXPECT_EQ(got->owner, "owner-1");
  EXPECT_EQ(got->created_ms, 1700000000000);
  EXPECT_FALSE(store_->get_bucket("photo").has_value());
}

TEST_P(BucketTest, ListWithPrefixMarkerAndMax) {
  for (const char* n : {"b-2", "a-1", "b-1", "c-1", "b-3", "ba"}) ASSERT_EQ(store_->create_bucket(bucket(n)), Status::Ok);

  EXPECT_EQ(names(store_->list_buckets("", "", 100)),
            (std::vector<std::string>{"a-1", "b-1", "b-2", "b-3", "ba", "c-1"}));
  EXPECT_EQ(names(store_->list_buckets("b-", "", 100)), (std::vector<std::string>{"b-1", "b-2", "b-3"}));
  EXPECT_EQ(names(store_->list_buckets("b-", "b-1", 100)), (std::vector<std::string>{"b-2", "b-3"}));
  // max + 1 rows: the extra one tells the caller the list is truncated.
  EXPECT_EQ(names(store_->list_buckets("", "", 2)), (std::vector<std::string>{"a-1", "b-1", "b-2"}));
  EXPECT_EQ(names(store_->list_buckets("", "b-3", 2)), (std::vector<std::string>{"ba", "c-1"}));
  EXPECT_EQ(names(store_->list_buckets("", "a", 1)), (std::vector<std::string>{"a-1", "b-1"}));
  EXPECT_TRUE(store_->list_buckets("z", "", 10).empty());
}

TEST_P(BucketTest, DeleteNotFoundAndNotEmpty) {
  EXPECT_EQ(store_->delete_bucket("nope"), Status::NotFound);
  ASSERT_EQ(store_->create_bucket(bucket("full")), Status::Ok);
  put("full", "k");
  EXPECT_EQ(store_->delete_bucket("full"), Status::NotEmpty);
  EXPECT_TRUE(store_->get_bucket("full").has_value());

  ASSERT_EQ(store_->delete_object("full", "k", nullptr), Status::Ok);
  EXPECT_EQ(store_->delete_bucket("full"), Status::Ok);
  EXPECT_FALSE(store_->get_bucket("full").has_value());
  EXPECT_EQ(store_->delete_bucket("full"), Status::NotFound);
}

TEST_P(BucketTest, UpdateAcl) {
  EXPECT_EQ(store_->update_bucket_acl("nope", "public-read"), Status::NotFound);
  ASSERT_EQ(store_->create_bucket(bucket("b")), Status::Ok);
  ASSERT_EQ(store_->update_bucket_acl("b", "public-read-write"), Status::Ok);
  EXPECT_EQ(store_->get_bucket("b")->acl, "public-read-write");
}

TEST_P(BucketTest, PutObjectIntoMissingBucketFails) {
  std::string replaced;
  EXPECT_NE(store_->put_object(object("ghost", "k"), false, &replaced), Status::Ok);
  EXPECT_FALSE(store_->get_object("ghost", "k").has_value());
}

TEST_P(BucketTest, BucketConfigsLiveAndDieWithTheirBucket) {
  ASSERT_EQ(store_->create_bucket(bucket("cfg")), Status::Ok);
  EXPECT_FALSE(store_->get_bucket_config("cfg", "cors").has_value());
  EXPECT_EQ(store_->put_bucket_config("nosuch", "cors", "x"), Status::NotFound);
  ASSERT_EQ(store_->put_bucket_config("cfg", "cors", "<a/>"), Status::Ok);
  ASSERT_EQ(store_->put_bucket_config("cfg", "cors", "<b/>"), Status::Ok);
  EXPECT_EQ(store_->get_bucket_config("cfg", "cors").value_or(""), "<b/>");
  ASSERT_EQ(store_->put_bucket_config("cfg", "cors", ""), Status::Ok);
  EXPECT_FALSE(store_->get_bucket_config("cfg", "cors").has_value());
  ASSERT_EQ(store_->put_bucket_config("cfg", "cors", "<c/>"), Status::Ok);
  ASSERT_EQ(store_->delete_bucket("cfg"), Status::Ok);
  ASSERT_EQ(store_->create_bucket(bucket("cfg")), Status::Ok);
  EXPECT_FALSE(store_->get_bucket_config("cfg", "cors").has_value());
}

// Every read here comes before the write that changes it, so a store that caches bucket rows
// or config documents (the SQLite one does) must see its own writes through the cache.
TEST_P(BucketTest, ReadsBeforeWritesSeeTheWrites) {
  EXPECT_FALSE(store_->get_bucket("late").has_value());
  EXPECT_FALSE(store_->get_bucket_config("late", "policy").has_value());
  ASSERT_EQ(store_->create_bucket(bucket("late")), Status::Ok);
  ASSERT_TRUE(store_->get_bucket("late").has_value());
  EXPECT_NE(store_->get_bucket("late")->acl, "public-read");
  ASSERT_EQ(store_->update_bucket_acl("late", "public-read"), Status::Ok);
  EXPECT_EQ(store_->get_bucket("late")->acl, "public-read");
  ASSERT_EQ(store_->put_bucket_config("late", "policy", "{}"), Status::Ok);
  EXPECT_EQ(store_->get_bucket_config("late", "policy").value_or(""), "{}");
  EXPECT_FALSE(store_->get_bucket_config("late", "cors").has_value());
  ASSERT_EQ(store_->put_bucket_config("late", "policy", "{\"v\":2}"), Status::Ok);
  EXPECT_EQ(store_->get_bucket_config("late", "policy").value_or(""), "{\"v\":2}");
  ASSERT_EQ(store_->delete_bucket("late"), Status::Ok);
  EXPECT_FALSE(store_->get_bucket("late").has_value());
  EXPECT_FALSE(store_->get_bucket_config("late", "policy").has_value());
  reopen();
  EXPECT_FALSE(store_->get_bucket("late").has_value());
}

TEST_P(BucketTest, Settings) {
  EXPECT_FALSE(store_->get_setting("root_access_key").has_value());
  ASSERT_EQ(store_->put_setting("root_access_key", "AK1"), Status::Ok);
  EXPECT_EQ(store_->get_setting("root_access_key"), "AK1");
  ASSERT_EQ(store_->put_setting("root_access_key", "AK2"), Status::Ok);
  EXPECT_EQ(store_->get_setting("root_access_key"), "AK2");
  ASSERT_EQ(store_->put_setting("empty", ""), Status::Ok);
  EXPECT_EQ(store_->get_setting("empty"), "");
  EXPECT_EQ(store_->get_setting("schema_version"), "1");
}

TEST_P(BucketTest, ReopenKeepsEverything) {
  ASSERT_EQ(store_->create_bucket(bucket("keep")), Status::Ok);
  ObjectMeta m = object("keep", std::string("k\xff\x00z", 4), "ref-1");
  m.headers = {{"Cache-Control", "no-cache"}, {"Content-Disposition", "attachment; filename=\"a:b\""}};
  m.user_meta = {{"x-oss-meta-a", "1"}, {"x-oss-meta-empty", ""}};
  std::string replaced;
  ASSERT_EQ(store_->put_object(m, false, &replaced), Status::Ok);
  ASSERT_EQ(store_->put_setting("s", "v"), Status::Ok);

  reopen();
  ASSERT_TRUE(store_->get_bucket("keep").has_value());
  EXPECT_EQ(store_->get_setting("s"), "v");
  auto got = store_->get_object("keep", m.key);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->key, m.key);
  EXPECT_EQ(got->crc64, m.crc64);
  EXPECT_EQ(got->headers, m.headers);
  EXPECT_EQ(got->user_meta, m.user_meta);
  EXPECT_EQ(got->data_ref, "ref-1");
}

OSSD_INSTANTIATE_META(BucketTest);

}  // namespace
}  // namespace ossd::storage::testing
