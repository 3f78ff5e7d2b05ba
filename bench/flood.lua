-- wrk script: a flood of well-formed but made-up API tokens, a new one every request
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"HuggingFaceH4/zephyr-7b-beta","messages":[{"role":"user","content":"x"}]}'
local chars = "abcdefghijklmnopqrstuvwxyz0123456789"
local function random(n)
  local s = {}
  for i = 1, n do
    local k = math.random(1, #chars)
    s[i] = chars:sub(k, k)
  end
  return table.concat(s)
end
request = function()
  wrk.headers["Authorization"] = "Bearer nvx_" .. random(8) .. "_" .. random(40)
  return wrk.format()
end
