// The OpenAI Node SDK and LangChain JS's OpenAIEmbeddings against a running SimCseService.
// Usage: node sdk-check.mjs <base-url> <model-id>
// Prints one JSON object: the vectors each client got, and what the SDK made of an error response.
// The C# test (tests/SimCse.Api.Tests/Sdk/NodeSdkTests.cs) compares them with /v1/embeddings.
import OpenAI from 'openai';
import { OpenAIEmbeddings } from '@langchain/openai';

const [baseUrl, model] = process.argv.slice(2);
const baseURL = new URL('v1', baseUrl).toString();
const texts = ['A man is playing a guitar.', 'Someone plays an instrument.'];
const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0 });

const floats = await client.embeddings.create({ model, input: texts, encoding_format: 'float' });
// Without encoding_format the SDK asks for base64 and decodes it itself.
const decoded = await client.embeddings.create({ model, input: texts });

async function errorOf(request) {
  try {
    await request();
    return null;
  } catch (error) {
    return {
      name: error?.constructor?.name ?? null,
      status: error?.status ?? null,
      message: String(error?.message ?? error),
      type: error?.type ?? null,
      code: error?.code ?? null,
      param: error?.param ?? null,
    };
  }
}
const unknownModel = await errorOf(() => client.embeddings.create({ model: 'no-such-model', input: 'x' }));
const badInput = await errorOf(() => client.embeddings.create({ model, input: [] }));

const langchain = new OpenAIEmbeddings({ model, apiKey: 'unused', configuration: { baseURL }, maxRetries: 0 });
const documents = await langchain.embedDocuments(texts);
const query = await langchain.embedQuery(texts[0]);

console.log(JSON.stringify({
  float: { model: floats.model, vectors: floats.data.map(d => d.embedding), usage: floats.usage },
  base64: { vectors: decoded.data.map(d => Array.from(d.embedding)) },
  unknownModel,
  badInput,
  langchain: { documents, query },
}));
