-- wrk script: the same deterministic chat completion every time (temperature 0), so the response cache
-- answers all but the first; CACHE_MODE=off sends a non-deterministic one (temperature 0.7): bypass
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local temperature = os.getenv("CACHE_MODE") == "off" and "0.7" or "0"
wrk.body = '{"model":"HuggingFaceH4/zephyr-7b-beta","max_tokens":32,"temperature":' .. temperature
  .. ',"messages":[{"role":"user","content":"Benchmark question: what is the capital of France?"}]}'
