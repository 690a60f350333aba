-- wrk script of the Chancery benchmarks (tests/bench/wrk.ts): each wrk thread walks its own list of
-- requests, one line each, "<path>\t<bearer token>", POSTing the same JSON body every time, and
-- stops when its list runs out. At the end one line `WRK_RESULT {json}` carries the counts per
-- status, the first failure of each status, and latency percentiles in microseconds; `WRK_STAT`
-- is wrk's own /proc/self/stat (its CPU time). wrk runs for its -d duration or until SIGINT.
--
-- wrk -t2 -c32 -d8s -s wrk-walk.lua http://127.0.0.1:PORT -- <list prefix> <body file>
-- (thread i reads "<list prefix><i>.txt").

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

-- Wall time in microseconds (LuaJIT's FFI): a thread that runs out of work early stops, but wrk
-- still waits out -d, so the report needs when the last answer came to compute a rate.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } chancery_timeval;
  int gettimeofday(chancery_timeval *tv, void *tz);
]]
local tv = ffi.new("chancery_timeval")
local function nowUs()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local lines = {}
local nextLine = 1
local body = ""
statuses = {}
samples = {}
firstUs = 0
lastUs = 0
exhausted = false

function init(args)
  for line in io.lines(args[1] .. id .. ".txt") do
    if #line > 0 then table.insert(lines, line) end
  end
  local f = assert(io.open(args[2], "r"))
  body = f:read("*a")
  f:close()
end

function request()
  local line = lines[nextLine]
  if firstUs == 0 then firstUs = nowUs() end
  if line == nil then
    exhausted = true
    -- Out of work: stop this thread (the request returned here is the cheapest the server has, and
    -- its answer is never read). wrk itself ends at -d or SIGINT.
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  nextLine = nextLine + 1
  local path, token = line:match("^([^\t]+)\t(.*)$")
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept-Language"] = "zh-CN",
  }, body)
end

function response(status, headers, text)
  lastUs = nowUs()
  local k = tostring(status)
  statuses[k] = (statuses[k] or 0) + 1
  if status ~= 200 and status ~= 201 and samples[k] == nil then samples[k] = string.sub(text or "", 1, 300) end
end

local function quote(s)
  s = string.gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. s .. '"'
end

local function object(t)
  local parts = {}
  for k, v in pairs(t) do
    table.insert(parts, quote(k) .. ":" .. (type(v) == "number" and string.format("%d", v) or quote(tostring(v))))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local merged, firsts = {}, {}
  local first, last, ranOut = nil, 0, false
  for _, t in ipairs(threads) do
    local f = t:get("firstUs") or 0
    if f > 0 and (first == nil or f < first) then first = f end
    last = math.max(last, t:get("lastUs") or 0)
    ranOut = ranOut or t:get("exhausted")
    for k, v in pairs(t:get("statuses") or {}) do merged[k] = (merged[k] or 0) + v end
    for k, v in pairs(t:get("samples") or {}) do if firsts[k] == nil then firsts[k] = v end end
  end
  local e = summary.errors
  io.write("WRK_RESULT {"
    .. '"durationUs":' .. string.format("%d", summary.duration)
    .. ',"requests":' .. string.format("%d", summary.requests)
    .. ',"activeUs":' .. string.format("%d", (first and last > first) and (last - first) or 0)
    .. ',"exhausted":' .. tostring(ranOut)
    .. ',"statuses":' .. object(merged)
    .. ',"samples":' .. object(firsts)
    .. ',"socketErrors":' .. object({ connect = e.connect, read = e.read, write = e.write, timeout = e.timeout })
    .. ',"p50Us":' .. string.format("%d", latency:percentile(50))
    .. ',"p99Us":' .. string.format("%d", latency:percentile(99))
    .. ',"meanUs":' .. string.format("%.1f", latency.mean)
    .. "}\n")
  -- wrk's own CPU time (all its threads), for the report: utime and stime of /proc/self/stat.
  local f = io.open("/proc/self/stat", "r")
  if f then
    io.write("WRK_STAT " .. f:read("*l") .. "\n")
    f:close()
  end
end
