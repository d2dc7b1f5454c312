#include "output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"

namespace ossd::cli {
namespace {

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int report_error(const sdk::Error& e, const std::string& context) {
  std::cerr << "ossctl: " << context << " failed";
  if (e.status != 0) std::cerr << " (HTTP " << e.status << ")";
  std::cerr << "\n  Code: " << e.code << "\n  Message: " << e.message << "\n";
  if (!e.request_id.empty()) std::cerr << "  RequestId: " << e.request_id << "\n";
  if (!e.ec.empty()) std::cerr << "  EC: " << e.ec << "\n";
  return e.status == 0 && e.code == sdk::Error::kInvalidArgument ? kExitUsage : kExitFailed;
}

Resolved resolve_or_report(const GlobalArgs& global, bool need_credentials) {
  auto options = resolve_options(global.flags, global.config_path);
  if (!options) {
    std::cerr << "ossctl: " << options.error().message << "\n";
    return {std::nullopt, kExitUsage};
  }
  if (need_credentials && (options->credentials.access_key_id.empty() ||
                           options->credentials.access_key_secret.empty())) {
    std::cerr << "ossctl: no credentials: give --access-key-id and --access-key-secret, set "
                 "OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or write them in ~/.ossctl.conf "
                 "(see ossctl --help)\n";
    return {std::nullopt, kExitUsage};
  }
  return {std::move(*options), kExitOk};
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::finish() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

sdk::ProgressFn ProgressBar::callback() {
  if (!enabled_) return {};
  return [this](uint64_t done, uint64_t total) { draw(done, total); };
}

void ProgressBar::draw(uint64_t done, uint64_t total) {
  // Redraw at most ten times a second, but always the final state.
  const int64_t now = steady_ms();
  if (total == 0 && done == 0) return;  // libcurl's first calls, before the size is known
  if (drawn_ && done == last_done_) return;  // libcurl also calls while waiting for the server
  last_done_ = done;
  const bool finished = total != 0 && done >= total;
  if (!finished && now - last_draw_ms_ < 100) return;
  last_draw_ms_ = now;
  constexpr int kWidth = 30;
  const double ratio = total == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(ratio * kWidth);
  std::fprintf(stderr, "\r%s [%s%s] %3d%% %.1f/%.1f MiB", label_.c_str(),
               std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(),
               static_cast<int>(ratio * 100), done / 1048576.0, total / 1048576.0);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace ossd::cli
