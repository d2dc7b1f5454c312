-- wrk script for bench/run.sh: replays a list of URLs (presigned for ossd, plain for nginx),
-- each URL reused many times, as prebuilt requests so the generator stays cheap.
--
--   wrk ... -s requests.lua <base-url> -- PUT|GET <urls-file> <body-bytes>
--   wrk ... -s requests.lua <base-url> -- MIXED <get-urls> <put-urls> <body-bytes> <put-percent>
--
-- done() prints one line of key=value results that run.sh parses (ops counts only 2xx/3xx).

local max_prebuilt_bytes = 64 * 1024 * 1024  -- per thread: 1 MiB bodies cycle over 64 requests

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function path_of(url)
  return url:match("^https?://[^/]+(/.*)$") or url
end

local function prebuild(file, method, body)
  local out = {}
  local cap = math.max(1, math.floor(max_prebuilt_bytes / math.max(1, #body)))
  for line in io.lines(file) do
    if line ~= "" then
      out[#out + 1] = wrk.format(method, path_of(line), nil, method == "PUT" and body or nil)
      if #out >= cap then break end
    end
  end
  assert(#out > 0, "no URLs in " .. file)
  return out
end

local gets, puts, put_percent

function init(args)
  local mode = args[1]
  if mode == "MIXED" then
    local body = string.rep("m", tonumber(args[4]))
    gets = prebuild(args[2], "GET", body)
    puts = prebuild(args[3], "PUT", body)
    put_percent = tonumber(args[5])
  elseif mode == "PUT" then
    puts = prebuild(args[2], "PUT", string.rep("p", tonumber(args[3])))
    put_percent = 100
  else
    gets = prebuild(args[2], "GET", "")
    put_percent = 0
  end
  math.randomseed(1000 + id)
  counter = id * 7919  -- threads start at different URLs
end

function request()
  counter = counter + 1
  if put_percent > 0 and (put_percent >= 100 or math.random(100) <= put_percent) then
    return puts[counter % #puts + 1]
  end
  return gets[counter % #gets + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  local ops = summary.requests - e.status
  io.write(string.format(
    "ops=%d errors=%d secs=%.3f ops_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "connect_err=%d read_err=%d write_err=%d status_err=%d timeout_err=%d\n",
    ops, errors, secs, ops / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
