// The benchmark's upstream: a non-blocking Node.js server (one event loop, no thread per call) that
// answers every POST .../chat/completions with a router-format chat completion, after DELAY_MS if set.
// It must never be the limit of a run: bench/run.sh measures it directly beside nginx and Novix.
//   node bench/stub.js <port> [delay_ms]        prints "stub: http://127.0.0.1:<port>" when listening
//   PUT /control/delay/<ms> changes the delay for the calls that follow (one stub serves every phase of a run)
'use strict';
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 8089);
let delay = Number(process.argv[3] || 0);

function answer(req, res, body) {
  let model = 'unknown', maxTokens = 1 << 30, promptTokens = 0;
  try {
    const request = JSON.parse(body);
    model = String(request.model || model);
    if (Number.isInteger(request.max_tokens)) maxTokens = request.max_tokens;
    for (const m of request.messages || []) {
      promptTokens += 4 + (typeof m.content === 'string' ? m.content.split(/\s+/).filter(Boolean).length : 0);
    }
  } catch (e) {
    res.writeHead(422, { 'content-type': 'application/json' });
    res.end('{"error":"Failed to deserialize the JSON body into the target type"}');
    return;
  }
  const words = ('Simulated answer from ' + model + ' to the benchmark question.').split(' ');
  const cut = words.length > maxTokens;
  const content = cut ? words.slice(0, maxTokens).join(' ') : words.join(' ');
  const completionTokens = cut ? maxTokens : words.length;
  const payload = JSON.stringify({
    id: 'chatcmpl-' + crypto.randomBytes(12).toString('hex'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: '3.2.3-sha-a1f3ebe',
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: cut ? 'length' : 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const control = /^\/control\/delay\/(\d+)$/.exec(req.url);
    if (req.method === 'PUT' && control) {
      delay = Number(control[1]);
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not Found"}');
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    if (delay > 0) setTimeout(() => answer(req, res, body), delay);
    else answer(req, res, body);
  });
});
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.maxRequestsPerSocket = 0;
// a deep accept queue: node's default backlog (511) overflows when 2,000 calls connect at once, and a dropped
// SYN is retried only after a second, which would make the stub the limit of the burst
server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => console.log('stub: http://127.0.0.1:' + port));
