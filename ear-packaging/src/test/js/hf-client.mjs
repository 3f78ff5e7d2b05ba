// Runs the official @huggingface/inference client against Novix as its OpenAI-compatible endpoint.
// Usage: node hf-client.mjs <novix base url> <token> <model>. Prints one JSON line per call.
import { InferenceClient } from "@huggingface/inference";

const [, , base, token, model] = process.argv;
const client = new InferenceClient(token, { endpointUrl: base });

const generated = await client.textGeneration({
  model,
  inputs: "Once upon a time",
  parameters: { max_new_tokens: 20 },
});
console.log(JSON.stringify({ call: "textGeneration", ...generated }));

const chat = await client.chatCompletion({
  model,
  messages: [{ role: "user", content: "Say hello" }],
  max_tokens: 20,
});
console.log(JSON.stringify({ call: "chatCompletion", content: chat.choices[0].message.content, usage: chat.usage }));
