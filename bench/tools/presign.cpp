// ossd_bench_presign: prints V4 presigned URLs made by the repo's own signer
// (auth::presign_v4), one per line, path-style for a loopback endpoint.
//
//   ossd_bench_presign --endpoint 127.0.0.1:9000 --bucket b --method PUT
//       --key-prefix obj- --count 1000 [--expires 86400] [--query max-keys=1000 ...]
//   ossd_bench_presign ... --key ""          one bucket-level URL (ListObjects)
//
// Keys are <prefix><index, 6 digits>. Credentials come from OSSD_ROOT_ACCESS_KEY_ID/SECRET.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "auth/presign.hpp"

namespace {

struct Args {
  ossd::auth::SignOptions sign;
  std::string key_prefix;
  std::optional<std::string> key;
  int count = 1;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "ossd_bench_presign: " << why << "\n"
            << "usage: ossd_bench_presign --endpoint H:P --bucket B --method M "
               "(--key K | --key-prefix P --count N) [--expires S] [--region R] [--query k=v]...\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  a.sign.scheme = "http";
  a.sign.path_style = true;
  a.sign.expires_s = 86400;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value for " + flag);
    std::string v = argv[++i];
    if (flag == "--endpoint") a.sign.endpoint = v;
    else if (flag == "--bucket") a.sign.bucket = v;
    else if (flag == "--method") a.sign.method = v;
    else if (flag == "--region") a.sign.region = v;
    else if (flag == "--expires") a.sign.expires_s = std::stoll(v);
    else if (flag == "--key") a.key = v;
    else if (flag == "--key-prefix") a.key_prefix = v;
    else if (flag == "--count") a.count = std::stoi(v);
    else if (flag == "--query") {
      auto eq = v.find('=');
      a.sign.queries.emplace_back(v.substr(0, eq), eq == std::string::npos ? "" : v.substr(eq + 1));
    } else usage("unknown flag " + flag);
  }
  if (a.sign.endpoint.empty() || a.sign.bucket.empty()) usage("--endpoint and --bucket are required");
  return a;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) usage(std::string(name) + " is not set");
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  ossd::auth::Credentials creds{env("OSSD_ROOT_ACCESS_KEY_ID"), env("OSSD_ROOT_ACCESS_KEY_SECRET"), ""};
  const int n = a.key ? 1 : a.count;
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (a.key) {
      a.sign.key = *a.key;
    } else {
      char num[16];
      std::snprintf(num, sizeof num, "%06d", i);
      a.sign.key = a.key_prefix + num;
    }
    auto s = ossd::auth::presign_v4(creds, a.sign);
    if (!s) {
      std::cerr << "ossd_bench_presign: " << s.error().message_or_default() << "\n";
      return 1;
    }
    out += s->url;
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
