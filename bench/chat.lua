-- wrk script: one non-streaming chat completion per request, as an OpenAI client sends it.
-- At the end it prints the latency percentiles in microseconds (wrk's --latency stops at 99 %).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"model":"HuggingFaceH4/zephyr-7b-beta","max_tokens":32,"messages":[{"role":"user","content":"Benchmark question: what is the capital of France?"}]}'

function done(summary, latency, requests)
  io.write(string.format("pct50 %d\npct99 %d\npct999 %d\n", latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
  io.write(string.format("errors %d\n", summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
