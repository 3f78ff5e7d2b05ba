-- wrk script: one single-input embedding per request, each input unique (so the response cache never answers)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local n = 0
local thread_id = tostring(math.random(1, 1000000000))
request = function()
  n = n + 1
  local body = '{"model":"BAAI/bge-small-en-v1.5","input":"benchmark sentence ' .. thread_id .. ' ' .. n .. '"}'
  return wrk.format(nil, nil, nil, body)
end
