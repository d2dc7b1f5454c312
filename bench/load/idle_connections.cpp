// Idle keep-alive connections: connect, one GET each (so the server has set the connection up
// for keep-alive), read the response, keep the socket open. Plain POSIX sockets.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "load/load_client.hpp"

namespace ossd::bench {
namespace {

struct Target {
  std::string host;
  int port = 80;
  std::string path;  // with the query
};

Target parse_url(const std::string& url) {
  Target t;
  std::string rest = url.substr(url.find("://") + 3);
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = authority.rfind(':');
  t.host = authority.substr(0, colon);
  if (colon != std::string::npos) t.port = std::atoi(authority.c_str() + colon + 1);
  return t;
}

// Reads one response (headers + Content-Length body); true on a 2xx status.
bool read_response(int fd) {
  std::string in;
  char buf[16384];
  std::size_t header_end = std::string::npos;
  std::size_t need = 0;
  while (true) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in.append(buf, n);
    if (header_end == std::string::npos) {
      header_end = in.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
      std::size_t cl = in.find("ontent-Length: ");
      if (cl == std::string::npos) cl = in.find("ontent-length: ");
      need = header_end + 4 + (cl == std::string::npos ? 0 : std::strtoul(in.c_str() + cl + 15, nullptr, 10));
    }
    if (in.size() >= need) return in.compare(0, 10, "HTTP/1.1 2") == 0;
  }
}

int connect_to(const Target& t) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(t.port));
  ::inet_pton(AF_INET, t.host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int open_idle_connections(const std::string& url, int count, std::vector<int>& fds, std::string& error) {
  const Target t = parse_url(url);
  const std::string request = "GET " + t.path + " HTTP/1.1\r\nHost: " + t.host + ":" +
                              std::to_string(t.port) + "\r\nConnection: keep-alive\r\n\r\n";
  int ok = 0;
  for (int i = 0; i < count; ++i) {
    int fd = connect_to(t);
    if (fd < 0) {
      error = "connect failed";
      continue;
    }
    fds.push_back(fd);
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()) &&
        read_response(fd)) {
      ++ok;
    } else if (error.empty()) {
      error = "request on connection " + std::to_string(i) + " failed";
    }
  }
  return ok;
}

}  // namespace ossd::bench
