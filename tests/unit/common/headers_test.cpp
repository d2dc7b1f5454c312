#include "common/headers.hpp"

#include <gtest/gtest.h>

namespace ossd {
namespace {

TEST(Headers, CaseInsensitiveLookup) {
  Headers h;
  h.add("Content-Type", "text/plain");
  h.add("X-Oss-Meta-A", "1");
  h.add("x-oss-meta-a", "2");
  EXPECT_EQ(h.get("content-type"), "text/plain");
  EXPECT_TRUE(h.has("X-OSS-META-A"));
  EXPECT_EQ(h.find("x-oss-meta-a").value(), "1");
  EXPECT_EQ(h.all("x-oss-meta-a").size(), 2u);
  EXPECT_FALSE(h.find("range").has_value());
  EXPECT_EQ(h.get("range"), "");
}

TEST(Headers, SetAndRemove) {
  Headers h;
  h.add("A", "1");
  h.add("a", "2");
  h.add("B", "3");
  h.set("a", "9");
  EXPECT_EQ(h.all("A").size(), 1u);
  EXPECT_EQ(h.get("A"), "9");
  h.remove("b");
  EXPECT_FALSE(h.has("B"));
  EXPECT_EQ(h.fields().size(), 1u);
}

}  // namespace
}  // namespace ossd
