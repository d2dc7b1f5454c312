// ossctl configuration: the `key = value` file, the environment, and precedence
// flags > environment > file (credentials taken as a group).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "cli/config.hpp"

namespace ossd::cli {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

TEST(ConfigFile, ParsesKeysCommentsAndBlanks) {
  auto p = parse_config_text(
      "# ossctl settings\n"
      "access_key_id = FILEID\n"
      "  access_key_secret=FILESECRET  \n"
      "\n"
      "; another comment\n"
      "security_token = tok=with=equals\n"
      "region = oss-cn-shanghai\n"
      "endpoint = http://127.0.0.1:9000\n"
      "path_style = false\n",
      "test.conf");
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->access_key_id, "FILEID");
  EXPECT_EQ(p->access_key_secret, "FILESECRET");
  EXPECT_EQ(p->security_token, "tok=with=equals");
  EXPECT_EQ(p->region, "oss-cn-shanghai");
  EXPECT_EQ(p->endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(p->path_style, false);
}

TEST(ConfigFile, ErrorsNameTheLine) {
  auto unknown = parse_config_text("region = cn-hangzhou\nacess_key_id = typo\n", "f.conf");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("f.conf:2"), std::string::npos);
  EXPECT_FALSE(parse_config_text("just words\n", "f").has_value());
  EXPECT_FALSE(parse_config_text("path_style = maybe\n", "f").has_value());
}

TEST(ConfigFile, ExplicitFileMustExistDefaultMayNot) {
  EXPECT_FALSE(load_config_file(std::string("/nonexistent/ossctl.conf")).has_value());
  const auto path = std::filesystem::temp_directory_path() / "ossctl_config_test.conf";
  std::ofstream(path) << "endpoint = http://localhost:9000\n";
  auto p = load_config_file(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->endpoint, "http://localhost:9000");
}

TEST(Environment, ReadsOssVariables) {
  Profile p = profile_from_env(env_of({{"OSS_ACCESS_KEY_ID", "ENVID"},
                                       {"OSS_ACCESS_KEY_SECRET", "ENVSECRET"},
                                       {"OSS_SESSION_TOKEN", "ENVTOKEN"},
                                       {"OSS_REGION", "oss-cn-beijing"},
                                       {"OSS_ENDPOINT", "http://127.0.0.1:1"},
                                       {"OSS_UNRELATED", "x"}}));
  EXPECT_EQ(p.access_key_id, "ENVID");
  EXPECT_EQ(p.access_key_secret, "ENVSECRET");
  EXPECT_EQ(p.security_token, "ENVTOKEN");
  EXPECT_EQ(p.region, "oss-cn-beijing");
  EXPECT_EQ(p.endpoint, "http://127.0.0.1:1");
  EXPECT_FALSE(profile_from_env(env_of({{"OSS_REGION", ""}})).region.has_value());
}

Profile full(const std::string& tag) {
  Profile p;
  p.access_key_id = tag + "ID";
  p.access_key_secret = tag + "SECRET";
  p.security_token = tag + "TOKEN";
  p.region = tag + "-region";
  p.endpoint = "http://" + tag + ":9000";
  p.path_style = tag == "file";
  return p;
}

TEST(Precedence, FlagsThenEnvThenFile) {
  Profile m = merge_profiles(full("flag"), full("env"), full("file"));
  EXPECT_EQ(m.access_key_id, "flagID");
  EXPECT_EQ(m.region, "flag-region");
  EXPECT_EQ(m.endpoint, "http://flag:9000");
  EXPECT_EQ(m.path_style, false);

  m = merge_profiles(Profile{}, full("env"), full("file"));
  EXPECT_EQ(m.access_key_id, "envID");
  EXPECT_EQ(m.access_key_secret, "envSECRET");
  EXPECT_EQ(m.endpoint, "http://env:9000");

  m = merge_profiles(Profile{}, Profile{}, full("file"));
  EXPECT_EQ(m.access_key_id, "fileID");
  EXPECT_EQ(m.path_style, true);
}

TEST(Precedence, FieldsFallThroughIndividually) {
  Profile flags;
  flags.region = "cn-shenzhen";
  Profile env;
  env.endpoint = "http://127.0.0.1:9000";
  Profile m = merge_profiles(flags, env, full("file"));
  EXPECT_EQ(m.region, "cn-shenzhen");
  EXPECT_EQ(m.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(m.access_key_id, "fileID");
  EXPECT_EQ(m.path_style, true);
}

TEST(Precedence, CredentialsAreNeverMixedAcrossSources) {
  Profile flags;
  flags.access_key_id = "flagID";
  flags.access_key_secret = "flagSECRET";
  Profile m = merge_profiles(flags, full("env"), full("file"));
  EXPECT_EQ(m.access_key_id, "flagID");
  EXPECT_FALSE(m.security_token.has_value());  // not env's token with the flag's keys
}

TEST(ClientOptions, FromProfile) {
  Profile p = full("x");
  p.region = "oss-cn-hangzhou";
  p.path_style.reset();
  p.endpoint = "http://127.0.0.1:9000";
  sdk::ClientOptions o = client_options(p);
  EXPECT_EQ(o.region, "cn-hangzhou");
  EXPECT_EQ(o.credentials.security_token, "xTOKEN");
  EXPECT_TRUE(sdk::effective_path_style(o));
  p.region = "cn-hangzhou";
  EXPECT_EQ(client_options(p).region, "cn-hangzhou");
  EXPECT_EQ(client_options(Profile{}).region, "cn-hangzhou");
}

}  // namespace
}  // namespace ossd::cli
