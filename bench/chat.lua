-- wrk script: one non-streaming chat completion per request, as an OpenAI client sends it
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"model":"HuggingFaceH4/zephyr-7b-beta","max_tokens":32,"messages":[{"role":"user","content":"Benchmark question: what is the capital of France?"}]}'
