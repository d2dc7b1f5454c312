// ossctl admin: runs the commands admin_cli.cpp parsed, with the SDK's AdminClient; prints tables
// (or the server's JSON with --json) on stdout and errors as every other command does.
#include "admin.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>

#include "args.hpp"
#include "commands.hpp"
#include "ossd/admin.hpp"
#include "output.hpp"

namespace ossd::cli {
namespace {

using Row = std::vector<std::string>;

// Columns padded to their widest cell; the last column is not padded.
void print_table(const Row& header, const std::vector<Row>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto measure = [&](const Row& r) {
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], r[i].size());
    }
  };
  measure(header);
  for (const auto& r : rows) measure(r);
  auto print = [&](const Row& r) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      std::cout << r[i];
      if (i + 1 < r.size()) std::cout << std::string(width[i] - r[i].size() + 2, ' ');
    }
    std::cout << "\n";
  };
  print(header);
  for (const auto& r : rows) print(r);
}

// "Name: value" lines, names aligned.
void print_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t w = 0;
  for (const auto& f : fields) w = std::max(w, f.first.size());
  for (const auto& [name, value] : fields) {
    std::cout << name << ":" << std::string(w - name.size() + 1, ' ') << value << "\n";
  }
}

// FILE or "-" (stdin); InvalidArgument when unreadable.
sdk::Result<std::string> read_document(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return sdk::local_error(sdk::Error::kInvalidArgument, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One admin command: what it sends and how it prints a success.
struct Runner {
  sdk::AdminClient& client;
  const AdminArgs& args;

  // Success: --json prints the raw answer, else `human` prints a table or fields.
  template <class T>
  int finish(const sdk::Result<T>& r, const std::string& action,
             const std::function<void(const T&)>& human) const {
    if (!r) return report_error(r.error(), action);
    if (args.json) {
      std::cout << r->raw_json << "\n";
    } else {
      human(*r);
    }
    return kExitOk;
  }

  int done(const sdk::Result<sdk::AdminReply>& r, const std::string& action,
           const std::string& what) const {
    return finish<sdk::AdminReply>(r, action, [&](const auto&) { std::cout << what << "\n"; });
  }

  const std::string& name(std::size_t i) const { return args.names.at(i); }
};

void print_user(const sdk::RamUser& u) {
  print_fields({{"UserName", u.user_name},
                {"UserId", u.user_id},
                {"DisplayName", u.display_name},
                {"Comments", u.comments},
                {"CreateDate", u.create_date}});
}

void print_policies(const std::vector<sdk::RamPolicy>& policies) {
  std::vector<Row> rows;
  for (const auto& p : policies) {
    rows.push_back({p.policy_name, p.policy_type, p.create_date,
                    p.attach_date.empty() ? p.description : p.attach_date});
  }
  print_table({"NAME", "TYPE", "CREATED", "DESCRIPTION/ATTACHED"}, rows);
}

void print_keys(const std::vector<sdk::AccessKey>& keys) {
  std::vector<Row> rows;
  for (const auto& k : keys) rows.push_back({k.access_key_id, k.status, k.create_date});
  print_table({"ACCESS KEY ID", "STATUS", "CREATED"}, rows);
}

void print_role(const sdk::RamRole& r) {
  print_fields({{"RoleName", r.role_name},
                {"RoleId", r.role_id},
                {"Arn", r.arn},
                {"Description", r.description},
                {"MaxSessionDuration", std::to_string(r.max_session_duration)},
                {"CreateDate", r.create_date},
                {"AssumeRolePolicyDocument", r.assume_role_policy_document}});
}

int run_user(const Runner& run) {
  sdk::AdminClient& c = run.client;
  const std::string& cmd = run.args.command;
  if (cmd == "user create") {
    return run.finish<sdk::UserReply>(
        c.create_user(run.name(0), run.args.display_name, run.args.comments), "CreateUser",
        [](const auto& r) { print_user(r.user); });
  }
  if (cmd == "user show") {
    auto user = c.get_user(run.name(0));
    if (!user || run.args.json) {
      return run.finish<sdk::UserReply>(user, "GetUser", [](const auto&) {});
    }
    auto keys = c.list_access_keys(run.name(0));
    if (!keys) return report_error(keys.error(), "ListAccessKeys");
    auto policies = c.list_policies_for_user(run.name(0));
    if (!policies) return report_error(policies.error(), "ListPoliciesForUser");
    print_user(user->user);
    std::cout << "\n";
    print_keys(keys->access_keys);
    std::cout << "\n";
    print_policies(policies->policies);
    return kExitOk;
  }
  if (cmd == "user rm") return run.done(c.delete_user(run.name(0)), "DeleteUser", "deleted");
  // user ls: every page.
  sdk::UserList all;
  std::string marker;
  for (int page = 0; page < 10000; ++page) {
    auto r = c.list_users(marker);
    if (!r) return report_error(r.error(), "ListUsers");
    if (run.args.json) std::cout << r->raw_json << "\n";
    all.users.insert(all.users.end(), r->users.begin(), r->users.end());
    if (!r->is_truncated || r->marker.empty()) break;
    marker = r->marker;
  }
  if (run.args.json) return kExitOk;
  std::vector<Row> rows;
  for (const auto& u : all.users) rows.push_back({u.user_name, u.user_id, u.create_date, u.display_name});
  print_table({"NAME", "ID", "CREATED", "DISPLAY NAME"}, rows);
  return kExitOk;
}

int run_key(const Runner& run) {
  sdk::AdminClient& c = run.client;
  const std::string& cmd = run.args.command;
  if (cmd == "key create") {
    return run.finish<sdk::AccessKeyReply>(
        c.create_access_key(run.name(0)), "CreateAccessKey", [](const auto& r) {
          print_fields({{"AccessKeyId", r.access_key.access_key_id},
                        {"AccessKeySecret", r.access_key.access_key_secret},
                        {"Status", r.access_key.status},
                        {"CreateDate", r.access_key.create_date}});
          std::cerr << "(the secret is not shown again)\n";
        });
  }
  if (cmd == "key ls") {
    return run.finish<sdk::AccessKeyList>(
        c.list_access_keys(run.name(0)), "ListAccessKeys",
        [](const auto& r) { print_keys(r.access_keys); });
  }
  if (cmd == "key rm") {
    return run.done(c.delete_access_key(run.name(0), run.name(1)), "DeleteAccessKey", "deleted");
  }
  const bool enable = cmd == "key enable";
  return run.done(c.update_access_key(run.name(0), run.name(1), enable ? "Active" : "Inactive"),
                  "UpdateAccessKey", enable ? "Active" : "Inactive");
}

int run_policy(const Runner& run) {
  sdk::AdminClient& c = run.client;
  const AdminArgs& a = run.args;
  const std::string& cmd = a.command;
  if (cmd == "policy create") {
    auto doc = read_document(run.name(1));
    if (!doc) return report_error(doc.error(), "CreatePolicy");
    return run.finish<sdk::PolicyReply>(c.create_policy(run.name(0), *doc, a.description),
                                        "CreatePolicy",
                                        [](const auto& r) { print_policies({r.policy}); });
  }
  if (cmd == "policy show") {
    return run.finish<sdk::PolicyReply>(c.get_policy(run.name(0)), "GetPolicy", [](const auto& r) {
      print_fields({{"PolicyName", r.policy.policy_name},
                    {"PolicyType", r.policy.policy_type},
                    {"Description", r.policy.description},
                    {"DefaultVersion", r.policy.default_version},
                    {"CreateDate", r.policy.create_date}});
      std::cout << r.policy_document << "\n";
    });
  }
  if (cmd == "policy rm") return run.done(c.delete_policy(run.name(0)), "DeletePolicy", "deleted");
  if (cmd == "policy attach" || cmd == "policy detach") {
    const bool attach = cmd == "policy attach";
    if (a.user.empty() == a.role.empty()) {
      std::cerr << "ossctl: admin " << cmd << ": give --user USER or --role ROLE\n";
      return kExitUsage;
    }
    if (!a.user.empty()) {
      return attach ? run.done(c.attach_policy_to_user(run.name(0), a.user), "AttachPolicyToUser",
                               "attached to user " + a.user)
                    : run.done(c.detach_policy_from_user(run.name(0), a.user),
                               "DetachPolicyFromUser", "detached from user " + a.user);
    }
    return attach ? run.done(c.attach_policy_to_role(run.name(0), a.role), "AttachPolicyToRole",
                             "attached to role " + a.role)
                  : run.done(c.detach_policy_from_role(run.name(0), a.role),
                             "DetachPolicyFromRole", "detached from role " + a.role);
  }
  // policy ls [--user U | --role R]
  auto show = [](const sdk::PolicyList& r) { print_policies(r.policies); };
  if (!a.user.empty()) {
    return run.finish<sdk::PolicyList>(c.list_policies_for_user(a.user), "ListPoliciesForUser", show);
  }
  if (!a.role.empty()) {
    return run.finish<sdk::PolicyList>(c.list_policies_for_role(a.role), "ListPoliciesForRole", show);
  }
  return run.finish<sdk::PolicyList>(c.list_policies(), "ListPolicies", show);
}

// Trust policy letting the account (its root and the users it allows) assume the role.
std::string account_trust_policy(const std::string& account_id) {
  return R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::)" +
         account_id + R"(:root"]}}],"Version":"1"})";
}

// Seconds from "3600", "15m", "1h" (args.hpp durations); nullopt when not given.
sdk::Result<std::optional<int64_t>> optional_seconds(const std::string& text) {
  if (text.empty()) return std::optional<int64_t>();
  auto s = parse_duration(text);
  if (!s) return s.error();
  return std::optional<int64_t>(*s);
}

// --max-session and --trust, shared by role create and role update.
struct RoleOptions {
  std::optional<int64_t> max_session;
  std::optional<std::string> trust;  // the trust policy document read from --trust
};

sdk::Result<RoleOptions> read_role_options(const AdminArgs& a) {
  RoleOptions out;
  auto max = optional_seconds(a.max_session);
  if (!max) return max.error();
  out.max_session = *max;
  if (!a.trust_file.empty()) {
    auto doc = read_document(a.trust_file);
    if (!doc) return doc.error();
    out.trust = std::move(*doc);
  }
  return out;
}

int run_role(const Runner& run) {
  sdk::AdminClient& c = run.client;
  const AdminArgs& a = run.args;
  const std::string& cmd = a.command;
  if (cmd == "role create") {
    sdk::CreateRoleRequest req;
    req.role_name = run.name(0);
    req.description = a.description;
    auto opts = read_role_options(a);
    if (!opts) return report_error(opts.error(), "CreateRole");
    req.max_session_duration = opts->max_session;
    if (opts->trust) {
      req.assume_role_policy_document = *opts->trust;
    } else {
      auto me = c.get_caller_identity();
      if (!me) return report_error(me.error(), "GetCallerIdentity");
      req.assume_role_policy_document = account_trust_policy(me->account_id);
    }
    return run.finish<sdk::RoleReply>(c.create_role(req), "CreateRole",
                                      [](const auto& r) { print_role(r.role); });
  }
  if (cmd == "role update") {
    sdk::UpdateRoleRequest req;
    req.role_name = run.name(0);
    req.new_description = a.new_description;
    auto opts = read_role_options(a);
    if (!opts) return report_error(opts.error(), "UpdateRole");
    req.new_max_session_duration = opts->max_session;
    req.new_assume_role_policy_document = opts->trust;
    if (!req.new_description && !req.new_max_session_duration && !req.new_assume_role_policy_document) {
      std::cerr << "ossctl: role update needs --trust, --description or --max-session\n";
      return 2;
    }
    return run.finish<sdk::RoleReply>(c.update_role(req), "UpdateRole",
                                      [](const auto& r) { print_role(r.role); });
  }
  if (cmd == "role show") {
    return run.finish<sdk::RoleReply>(c.get_role(run.name(0)), "GetRole",
                                      [](const auto& r) { print_role(r.role); });
  }
  if (cmd == "role rm") return run.done(c.delete_role(run.name(0)), "DeleteRole", "deleted");
  return run.finish<sdk::RoleList>(c.list_roles(), "ListRoles", [](const auto& r) {
    std::vector<Row> rows;
    for (const auto& x : r.roles) {
      rows.push_back({x.role_name, std::to_string(x.max_session_duration), x.create_date, x.arn});
    }
    print_table({"NAME", "MAX SESSION", "CREATED", "ARN"}, rows);
  });
}

// Shell-safe as is, else single-quoted, so the lines can be eval'd or given to env(1).
std::string shell_value(const std::string& v) {
  const bool plain = std::all_of(v.begin(), v.end(), [](unsigned char ch) {
    return std::isalnum(ch) || std::string_view("+/=._:-@,").find(ch) != std::string_view::npos;
  });
  if (plain && !v.empty()) return v;
  std::string out = "'";
  for (char ch : v) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

int run_assume_role(const Runner& run) {
  sdk::AdminClient& c = run.client;
  const AdminArgs& a = run.args;
  sdk::AssumeRoleRequest req;
  req.role_arn = run.name(0);
  req.role_session_name = a.session;
  auto duration = optional_seconds(a.duration);
  if (!duration) return report_error(duration.error(), "AssumeRole");
  req.duration_seconds = *duration;
  if (!a.policy_file.empty()) {
    auto doc = read_document(a.policy_file);
    if (!doc) return report_error(doc.error(), "AssumeRole");
    req.policy = *doc;
  }
  if (!req.role_arn.starts_with("acs:")) {
    // A bare role name: the ARN in the caller's own account.
    auto me = c.get_caller_identity();
    if (!me) return report_error(me.error(), "GetCallerIdentity");
    req.role_arn = "acs:ram::" + me->account_id + ":role/" + req.role_arn;
  }
  return run.finish<sdk::AssumeRoleReply>(c.assume_role(req), "AssumeRole", [&](const auto& r) {
    const std::string prefix = a.export_vars ? "export " : "";
    std::cout << prefix << "OSS_ACCESS_KEY_ID=" << shell_value(r.credentials.access_key_id) << "\n"
              << prefix << "OSS_ACCESS_KEY_SECRET=" << shell_value(r.credentials.access_key_secret)
              << "\n"
              << prefix << "OSS_SESSION_TOKEN=" << shell_value(r.credentials.security_token) << "\n";
    std::cerr << "expires " << r.expiration << " (" << r.assumed_role_arn << ")\n";
  });
}

int run_whoami(const Runner& run) {
  return run.finish<sdk::CallerIdentity>(
      run.client.get_caller_identity(), "GetCallerIdentity", [](const auto& r) {
        print_fields({{"AccountId", r.account_id},
                      {"IdentityType", r.identity_type},
                      {"Arn", r.arn},
                      {"UserId", r.user_id},
                      {"PrincipalId", r.principal_id}});
      });
}

}  // namespace

int run_admin(const GlobalArgs& global, const AdminArgs& args) {
  Resolved resolved = resolve_or_report(global, /*need_credentials=*/true);
  if (!resolved.options) return resolved.exit_code;
  sdk::AdminClient client(*resolved.options);
  const Runner run{client, args};
  const std::string& cmd = args.command;
  if (cmd.starts_with("user ")) return run_user(run);
  if (cmd.starts_with("key ")) return run_key(run);
  if (cmd.starts_with("policy ")) return run_policy(run);
  if (cmd.starts_with("role ")) return run_role(run);
  if (cmd == "sts assume-role") return run_assume_role(run);
  if (cmd == "whoami") return run_whoami(run);
  std::cerr << "ossctl: admin: unknown command '" << cmd << "'\n";
  return kExitUsage;
}

}  // namespace ossd::cli
