// MetaStore conformance: ListObjects (prefix, delimiter folding, markers, paging), checked
// against a brute-force model of the listing rules.
#include "meta_fixture.hpp"

#include <random>
#include <set>

namespace ossd::storage::testing {
namespace {

// One listing entry: an object key or a common prefix.
struct Entry {
  std::string name;
  bool is_prefix;
  bool operator==(const Entry&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Entry& e) {
  os << (e.is_prefix ? "P:" : "K:");
  for (unsigned char c : e.name) {
    if (c >= 0x20 && c < 0x7F) os << c;
    else os << "\\x" << std::hex << int(c) << std::dec;
  }
  return os;
}

// The listing rules, by brute force: keys under the prefix, folded at the first delimiter
// after the prefix, keeping only entries > start_after, in byte order.
std::vector<Entry> model(const std::set<std::string>& keys, const ListQuery& q) {
  std::vector<Entry> out;
  for (const auto& key : keys) {  // std::string orders bytes as unsigned: memcmp order
    if (key.compare(0, q.prefix.size(), q.prefix) != 0) continue;
    Entry e{key, false};
    const auto pos = q.delimiter.empty() ? std::string::npos : key.find(q.delimiter, q.prefix.size());
    if (pos != std::string::npos) e = Entry{key.substr(0, pos + q.delimiter.size()), true};
    if (e.name <= q.start_after) continue;
    if (!out.empty() && out.back() == e) continue;
    out.push_back(e);
  }
  return out;
}

std::vector<Entry> entries_of(const ListPage& page) {
  // Merge objects and prefixes back into one byte-ordered sequence.
  std::vector<Entry> out;
  for (const auto& o : page.objects) out.push_back({o.key, false});
  for (const auto& p : page.common_prefixes) out.push_back({p, true});
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

class ListTest : public MetaStoreTest {
 protected:
  void SetUp() override {
    MetaStoreTest::SetUp();
    ASSERT_EQ(store_->create_bucket(bucket("b")), Status::Ok);
  }

  void put_all(const std::set<std::string>& keys) {
    for (const auto& k : keys) put("b", k, "ref");
    keys_.insert(keys.begin(), keys.end());
  }

  // Checks one page against the model, then pages through everything with next_marker and
  // checks every entry comes back exactly once, in order.
  void check(ListQuery q) {
    const auto show = [](const std::string& s) { return Entry{s, true}; };
    SCOPED_TRACE((::testing::Message() << "prefix=" << show(q.prefix) << " delim=" << show(q.delimiter)
                                       << " after=" << show(q.start_after) << " max=" << q.max_keys));
    const auto want = model(keys_, q);
    const ListPage page = store_->list_objects("b", q);
    const auto got = entries_of(page);
    const size_t n = std::min(want.size(), static_cast<size_t>(q.max_keys));
    ASSERT_EQ(got, std::vector<Entry>(want.begin(), want.begin() + n));
    ASSERT_EQ(page.truncated, want.size() > n);
    if (page.truncated) {
      ASSERT_EQ(page.next_marker, got.back().name);
    }

    std::vector<Entry> all;
    for (ListPage p = page;; p = store_->list_objects("b", q)) {
      auto part = entries_of(p);
      all.insert(all.end(), part.begin(), part.end());
      if (!p.truncated) break;
      ASSERT_LE(all.size(), want.size()) << "paging does not terminate";
      q.start_after = p.next_marker;
    }
    ASSERT_EQ(all, want);
  }

  std::set<std::string> keys_;
};

TEST_P(ListTest, PrefixAndNoDelimiter) {
  put_all({"a", "a/1", "a/2", "ab", "b", "b/1"});
  check({"a", "", "", 100});
  check({"a/", "", "", 100});
  check({"", "", "", 2});
  check({"", "", "a/1", 100});
  check({"zzz", "", "", 100});
}

TEST_P(ListTest, DelimiterFoldsAtFirstDelimiterAfterPrefix) {
  put_all({"a/b/c", "a/b/d", "a/e", "a/f/g", "h", "i/j", "photos/2024/x.jpg", "photos/2025/y.jpg"});
  ListPage page = store_->list_objects("b", {"", "/", "", 100});
  EXPECT_EQ(page.common_prefixes, (std::vector<std::string>{"a/", "i/", "photos/"}));
  ASSERT_EQ(page.objects.size(), 1u);
  EXPECT_EQ(page.objects[0].key, "h");
  EXPECT_EQ(page.objects[0].data_ref, "ref");

  page = store_->list_objects("b", {"a/", "/", "", 100});
  EXPECT_EQ(page.common_prefixes, (std::vector<std::string>{"a/b/", "a/f/"}));
  check({"a/", "/", "", 100});
  check({"a/b", "/", "", 100});
  check({"photos/", "/", "", 1});
}

TEST_P(ListTest, MultiCharDelimiter) {
  put_all({"x--y--z", "x--w", "x-y", "xx--", "--lead"});
  check({"", "--", "", 100});
  check({"x--", "--", "", 100});
  check({"", "x-", "", 100});
}

TEST_P(ListTest, HighBytesSortAfterAscii) {
  put_all({"a", std::string("\x80"), std::string("\xff"), std::string("\xff\xff"), std::string("\xff/a"),
           std::string("\xff\xff/b"), std::string("a\xff/c"), std::string("a\x7f"), std::string("a\x80")});
  ListPage page = store_->list_objects("b", {"", "", "", 100});
  ASSERT_EQ(page.objects.size(), 9u);
  EXPECT_EQ(page.objects.front().key, "a");
  EXPECT_EQ(page.objects.back().key, std::string("\xff\xff/b"));
  check({"", "/", "", 100});
  check({std::string("\xff"), "/", "", 100});
  check({std::string("\xff\xff"), "", "", 100});
  check({"", std::string("\xff"), "", 100});  // successor of a prefix ending in 0xFF
  check({"a", std::string("\xff"), "", 1});
}

TEST_P(ListTest, StartAfterInsideCommonPrefix) {
  put_all({"a/1", "a/2", "a/3", "b/1", "c"});
  // The group "a/" sorts before the marker "a/2": it is not repeated, listing resumes at b/.
  ListPage page = store_->list_objects("b", {"", "/", "a/2", 100});
  EXPECT_EQ(page.common_prefixes, (std::vector<std::string>{"b/"}));
  ASSERT_EQ(page.objects.size(), 1u);
  EXPECT_EQ(page.objects[0].key, "c");
  check({"", "/", "a/", 100});
  check({"", "/", "a", 100});
  check({"", "/", "a/2", 100});
}

TEST_P(ListTest, TruncationCountsObjectsAndPrefixes) {
  put_all({"a/1", "a/2", "b", "c/1", "d"});
  ListPage page = store_->list_objects("b", {"", "/", "", 2});
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.common_prefixes, (std::vector<std::string>{"a/"}));
  ASSERT_EQ(page.objects.size(), 1u);
  EXPECT_EQ(page.next_marker, "b");
  // Exactly full, nothing after: not truncated.
  page = store_->list_objects("b", {"c/", "/", "", 1});
  EXPECT_FALSE(page.truncated);
  EXPECT_EQ(page.objects.size(), 1u);
  for (int max : {1, 2, 3, 4, 5, 6}) check({"", "/", "", max});
}

TEST_P(ListTest, OtherBucketsAreInvisible) {
  ASSERT_EQ(store_->create_bucket(bucket("a")), Status::Ok);
  ASSERT_EQ(store_->create_bucket(bucket("c")), Status::Ok);
  put("a", "k1");
  put("c", "k3");
  put_all({"k2"});
  check({"", "", "", 100});
  check({"", "/", "", 1});
}

// Random keys over a small alphabet with delimiters, high bytes and 0xFF, compared with
// the model for many queries, each also paged through to the end.
TEST_P(ListTest, RandomizedAgainstModel) {
  const std::vector<std::string> alphabet = {"a", "b", "/", "-", std::string("\x80"), std::string("\xff")};
  std::mt19937 rng(42);
  std::set<std::string> keys;
  while (keys.size() < 300) {
    std::string k;
    const int len = 1 + rng() % 6;
    for (int i = 0; i < len; ++i) k += alphabet[rng() % alphabet.size()];
    keys.insert(k);
  }
  put_all(keys);
  const std::vector<std::string> delimiters = {"", "/", "-/", std::string("\xff"), "a"};
  for (int i = 0; i < 150; ++i) {
    std::string prefix, after;
    for (int n = rng() % 3; n > 0; --n) prefix += alphabet[rng() % alphabet.size()];
    for (int n = rng() % 4; n > 0; --n) after += alphabet[rng() % alphabet.size()];
    const int max_keys = std::vector<int>{1, 2, 3, 7, 1000}[rng() % 5];
    check({prefix, delimiters[rng() % delimiters.size()], after, max_keys});
    if (HasFatalFailure()) return;
  }
}

OSSD_INSTANTIATE_META(ListTest);

}  // namespace
}  // namespace ossd::storage::testing
