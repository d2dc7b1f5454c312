# Sourced by bench/run.sh: starting ossd and nginx on 127.0.0.1 and reading their CPU and
# memory from /proc. Every process started here is recorded in STARTED_PIDS for the EXIT trap.

STARTED_PIDS=()

# A free TCP port on 127.0.0.1 (nginx needs one up front; ossd picks its own with port 0).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if [[ -z "$(ss -Htln "sport = :$p" 2>/dev/null)" ]]; then echo "$p"; return 0; fi
  done
  return 1
}

# start_ossd BIN DATA_DIR LOG_PREFIX -> sets OSSD_PID, OSSD_PORT
start_ossd() {
  local bin=$1 data=$2 log=$3
  "$bin" --quiet --data "$data" --address 127.0.0.1:0 >"$log.out" 2>"$log.err" &
  OSSD_PID=$!
  STARTED_PIDS+=("$OSSD_PID")
  for _ in $(seq 1 300); do
    OSSD_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log.out" 2>/dev/null | sed 's/.*://') || true
    [[ -n "$OSSD_PORT" ]] && return 0
    kill -0 "$OSSD_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: ossd did not start:" >&2
  cat "$log.out" "$log.err" >&2
  return 1
}

# start_nginx DIR -> sets NGINX_PID (master), NGINX_PORT, NGINX_ROOT
start_nginx() {
  local dir=$1
  NGINX_ROOT=$dir/root
  NGINX_PORT=$(free_port)
  mkdir -p "$dir/root" "$dir/tmp"
  # As root, nginx workers would switch to "nobody" and could not write into our temp dir.
  local user_line=""
  [[ $EUID != 0 ]] || user_line="user root;"
  cat >"$dir/nginx.conf" <<CONF
# Written by bench/run.sh: the baseline. Static GET with sendfile, WebDAV PUT (core
# ngx_http_dav_module, compiled into Debian's nginx-light); no fsync, no hashing, no auth.
$user_line
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 120s;
  keepalive_requests 10000000;
  client_max_body_size 0;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $dir/root;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout" 2>&1 &
  NGINX_PID=$!
  STARTED_PIDS+=("$NGINX_PID")
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; then return 0; fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: nginx did not start:" >&2
  cat "$dir/error.log" "$dir/stdout" >&2
  return 1
}

# A server's processes: ossd is one process; nginx is its master plus its workers.
server_pids() {
  local pid=$1
  echo "$pid"
  cat /proc/"$pid"/task/*/children 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+$' || true
}

# utime + stime in clock ticks, summed over the server's processes.
cpu_ticks() {
  local total=0 p fields
  for p in $(server_pids "$1"); do
    fields=$(sed 's/^.*) //' /proc/"$p"/stat 2>/dev/null) || continue
    # after "pid (comm) ", utime and stime are fields 12 and 13
    total=$((total + $(awk '{print $12 + $13}' <<<"$fields")))
  done
  echo "$total"
}

# Restart the peak-RSS counter (VmHWM) of every process of the server (clear_refs "5").
reset_peak_rss() {
  local p
  for p in $(server_pids "$1"); do echo 5 >/proc/"$p"/clear_refs 2>/dev/null || true; done
}

# Sum of a /proc/<pid>/status field in kB (VmHWM = peak RSS, VmRSS = current).
status_kb() {
  local field=$2 total=0 p v
  for p in $(server_pids "$1"); do
    v=$(awk -v f="$field:" '$1 == f {print $2}' /proc/"$p"/status 2>/dev/null) || continue
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

stop_started() {
  local p
  for p in "${STARTED_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${STARTED_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
