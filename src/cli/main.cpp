// ossctl: command-line client for OSS and ossd. This file only wires CLI11 to the command
// functions (commands.hpp); CLI11 is included nowhere else (it costs seconds per translation unit).
#include <CLI/CLI.hpp>

#include "admin.hpp"
#include "args.hpp"
#include "commands.hpp"

namespace {

using ossd::cli::GlobalArgs;
using ossd::cli::SignArgs;

constexpr const char* kFooter = R"(
Credentials and endpoint, first found wins:
  1. flags        --access-key-id --access-key-secret --security-token --region --endpoint
  2. environment  OSS_ACCESS_KEY_ID OSS_ACCESS_KEY_SECRET OSS_SESSION_TOKEN OSS_REGION OSS_ENDPOINT
  3. config file  --config FILE, else ~/.ossctl.conf; `key = value` lines with keys
                  access_key_id, access_key_secret, security_token, region, endpoint, path_style
  The key id, secret and token are taken together from the first source that has a key id.
  Region: "cn-hangzhou" or "oss-cn-hangzhou" (default cn-hangzhou).
  Endpoint: e.g. http://127.0.0.1:9000; default https://oss-<region>.aliyuncs.com.
  An IP or localhost endpoint is addressed path-style (http://host/bucket/key), others
  virtual-hosted (http://bucket.host/key); --path-style / --virtual-hosted override.
Exit codes: 0 success, 1 the server or network refused (OSS Code, Message and RequestId on
stderr), 2 bad command line (nothing was sent).
See docs/ossctl.md.)";

// Values of global flags as a Profile (only the flags actually given).
struct FlagValues {
  std::string id, secret, token, region, endpoint, config;
  bool path_style = false, virtual_hosted = false;
};

void add_global_flags(CLI::App& app, FlagValues& f) {
  app.add_option("--access-key-id", f.id, "AccessKey ID");
  app.add_option("--access-key-secret", f.secret, "AccessKey secret");
  app.add_option("--security-token", f.token, "STS security token");
  app.add_option("--region", f.region, "region id (cn-hangzhou or oss-cn-hangzhou)");
  app.add_option("--endpoint", f.endpoint, "e.g. http://127.0.0.1:9000");
  app.add_option("--config", f.config, "config file (default ~/.ossctl.conf)");
  auto* path = app.add_flag("--path-style", f.path_style, "address as http://endpoint/bucket/key");
  app.add_flag("--virtual-hosted", f.virtual_hosted, "address as http://bucket.endpoint/key")
      ->excludes(path);
}

GlobalArgs global_args(const CLI::App& app, const FlagValues& f) {
  GlobalArgs g;
  auto given = [&](const char* name, const std::string& value) -> std::optional<std::string> {
    return app.count(name) > 0 ? std::optional(value) : std::nullopt;
  };
  g.flags.access_key_id = given("--access-key-id", f.id);
  g.flags.access_key_secret = given("--access-key-secret", f.secret);
  g.flags.security_token = given("--security-token", f.token);
  g.flags.region = given("--region", f.region);
  g.flags.endpoint = given("--endpoint", f.endpoint);
  g.config_path = given("--config", f.config);
  if (f.path_style) g.flags.path_style = true;
  if (f.virtual_hosted) g.flags.path_style = false;
  return g;
}

void add_sign(CLI::App& app, SignArgs& s) {
  auto* sign = app.add_subcommand("sign", "print a presigned URL (offline; V4 unless --v1)");
  sign->add_option("METHOD", s.method, "GET, PUT, HEAD, DELETE, POST")->required();
  sign->add_option("URI", s.uri, "oss://bucket/key")->required();
  sign->add_option("--expires", s.expires, "validity: 3600, 3600s, 90m, 1h, 7d (V4 max 7d)")
      ->default_str("1h");
  sign->add_option("--content-type", s.content_type, "signed; the uploader must send it as is");
  sign->add_option("--content-md5", s.content_md5, "signed Content-MD5");
  sign->add_option("--header", s.headers, "K:V header the request will carry (repeatable)");
  sign->add_option("--query", s.queries, "K=V query parameter to sign (repeatable)");
  sign->add_option("--additional-header", s.additional_headers,
                   "V4: sign this header name too, e.g. host (repeatable)");
  sign->add_flag("--v1", s.v1, "Signature V1 URL (Expires is absolute; no 7-day limit)");
  sign->add_option("--date", s.date, "signing time, e.g. 20241112T083238Z (default now)");
}

// The bucket and object subcommands and the values they fill.
struct Commands {
  std::string uri, from, to, content_type;
  CLI::App *mb, *rb, *ls, *cp, *rm, *stat, *config;
  ossd::cli::ShareArgs share;
  CLI::App *share_upload, *share_download;
};

void add_share(CLI::App& app, Commands& c) {
  auto* share = app.add_subcommand("share", "print a link for someone without credentials");
  share->require_subcommand(1);
  c.share_upload = share->add_subcommand("upload", "link to ossd's upload page for oss://bucket/prefix/");
  c.share_upload->add_option("URI", c.share.uri, "oss://bucket/prefix/")->required();
  c.share_upload->add_option("--max-size", c.share.max_size, "largest file, e.g. 100MiB")
      ->default_str("5GiB");
  c.share_download = share->add_subcommand("download", "presigned GET URL of oss://bucket/key");
  c.share_download->add_option("URI", c.share.uri, "oss://bucket/key")->required();
  for (auto* sub : {c.share_upload, c.share_download}) {
    sub->add_option("--expires", c.share.expires, "validity: 3600, 90m, 1h, 7d (max 7d)")->default_str("1h");
    sub->add_option("--date", c.share.date, "signing time, e.g. 20241112T083238Z (default now)");
  }
}

void add_commands(CLI::App& app, Commands& c) {
  c.mb = app.add_subcommand("mb", "make a bucket");
  c.mb->add_option("URI", c.uri, "oss://bucket")->required();
  c.rb = app.add_subcommand("rb", "remove an (empty) bucket");
  c.rb->add_option("URI", c.uri, "oss://bucket")->required();
  c.ls = app.add_subcommand("ls", "list buckets, or the objects under oss://bucket[/prefix]");
  c.ls->add_option("URI", c.uri, "oss://bucket[/prefix]");
  c.cp = app.add_subcommand("cp", "upload LOCAL oss://bucket/key or download the reverse");
  c.cp->add_option("FROM", c.from, "local file or oss://bucket/key")->required();
  c.cp->add_option("TO", c.to, "oss://bucket/key[/] or local file/directory")->required();
  c.cp->add_option("--content-type", c.content_type, "Content-Type to store (upload)");
  c.rm = app.add_subcommand("rm", "delete an object");
  c.rm->add_option("URI", c.uri, "oss://bucket/key")->required();
  c.stat = app.add_subcommand("stat", "show an object's size, ETag and metadata");
  c.stat->add_option("URI", c.uri, "oss://bucket/key")->required();
  c.config = app.add_subcommand("config", "show the resolved settings (secret masked)");
}

int dispatch(const CLI::App& app, const GlobalArgs& g, const SignArgs& sign, const Commands& c) {
  namespace cli = ossd::cli;
  if (app.got_subcommand("sign")) return cli::run_sign(g, sign);
  if (*c.mb) return cli::run_mb(g, c.uri);
  if (*c.rb) return cli::run_rb(g, c.uri);
  if (*c.ls) return cli::run_ls(g, c.uri);
  if (*c.cp) return cli::run_cp(g, c.from, c.to, c.content_type);
  if (*c.rm) return cli::run_rm(g, c.uri);
  if (*c.stat) return cli::run_stat(g, c.uri);
  if (*c.share_upload) return cli::run_share_upload(g, c.share);
  if (*c.share_download) return cli::run_share_download(g, c.share);
  if (*c.config) return cli::run_config(g.flags, g.config_path);
  return cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ossctl: client for Alibaba Cloud OSS and ossd", "ossctl"};
  app.footer(kFooter);
  app.require_subcommand(1);
  app.fallthrough();  // global flags may also follow the subcommand
  FlagValues flags;
  add_global_flags(app, flags);
  SignArgs sign_args;
  add_sign(app, sign_args);
  Commands commands;
  add_commands(app, commands);
  add_share(app, commands);
  ossd::cli::AdminArgs admin_args;
  ossd::cli::add_admin(app, admin_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help exits 0; every real parse error is a usage error (2), whatever CLI11's own code.
    const int code = app.exit(e);
    return code == 0 ? 0 : ossd::cli::kExitUsage;
  }
  if (!admin_args.command.empty()) return ossd::cli::run_admin(global_args(app, flags), admin_args);
  return dispatch(app, global_args(app, flags), sign_args, commands);
}
