-- wrk script: one single-input embedding per request, every input unique across threads and runs
-- (BENCH_RUN names the run), so the response cache never answers
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
local run = os.getenv("BENCH_RUN") or "run"
request = function()
  n = n + 1
  local body = '{"model":"BAAI/bge-small-en-v1.5","input":"benchmark sentence ' .. run .. ' ' .. tid .. ' ' .. n .. '"}'
  return wrk.format(nil, nil, nil, body)
end
