import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProvider } from '../../test/fake-provider.js';
import { AssistantError } from '../errors.js';
import { OpenAICompatibleProvider } from './openai-compatible.js';

const SECRET = 'sk-unit-test-secret-0123456789abcdef';
const messages = [{ role: 'user' as const, content: 'hello' }];
const tools = [
  {
    name: 'search_docs',
    description: 'Searches',
    parameters: {
      type: 'object' as const,
      properties: { query: { type: 'string', description: 'q' } },
    },
  },
];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AssistantError);
    return (error as AssistantError).code;
  }
  return 'resolved';
}

describe('OpenAICompatibleProvider against a real HTTP server', () => {
  let fake: FakeProvider;
  let provider: OpenAICompatibleProvider;
  beforeAll(async () => {
    fake = await FakeProvider.start();
    provider = new OpenAICompatibleProvider({
      baseUrl: fake.baseUrl,
      model: 'fake-model',
      apiKey: SECRET,
      // Generous: a loaded CI machine can be slow to answer; the timeout test uses its own.
      timeoutMs: 15_000,
      scrub: (body) => body.split(SECRET).join('[redacted]'),
    });
  });
  afterAll(() => fake.close());

  it('sends model, messages and tools, the key only as a header, and parses tool calls', async () => {
    fake.reset(() => ({ toolCalls: [{ name: 'search_docs', args: { query: 'reload' } }] }));
    const response = await provider.chat({
      messages: [{ role: 'user', content: `my key is ${SECRET}` }],
      tools,
    });
    expect(response.toolCalls).toEqual([
      { id: 'call_1_0', name: 'search_docs', arguments: '{"query":"reload"}' },
    ]);
    expect(response.usage).toEqual({
      promptTokens: 300,
      completionTokens: 100,
      totalTokens: 400,
      estimated: false,
    });
    const [request] = fake.requests;
    expect(request?.body.model).toBe('fake-model');
    expect(request?.body.tools?.[0]?.function.name).toBe('search_docs');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request?.raw).not.toContain(SECRET);
    expect(request?.raw).toContain('my key is [redacted]');
  });

  it('streams text piece by piece and assembles split tool-call fragments', async () => {
    fake.chunkPauseMs = 1;
    fake.reset(() => ({
      content: 'Streaming works fine, thanks for asking!',
      toolCalls: [{ name: 'search_docs', args: { query: 'x' } }],
    }));
    const pieces: string[] = [];
    const response = await provider.chat({ messages, tools }, { onText: (d) => pieces.push(d) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('Streaming works fine, thanks for asking!');
    expect(response.content).toBe('Streaming works fine, thanks for asking!');
    expect(response.toolCalls).toEqual([
      { id: 'call_1_0', name: 'search_docs', arguments: '{"query":"x"}' },
    ]);
    expect(fake.requests[0]?.body.stream).toBe(true);
  });

  it('reports a slow provider as ZRX_ASSISTANT_PROVIDER_TIMEOUT instead of hanging', async () => {
    fake.reset(() => ({ hang: true }));
    const impatient = new OpenAICompatibleProvider({
      baseUrl: fake.baseUrl,
      model: 'fake-model',
      timeoutMs: 300,
    });
    expect(await codeOf(impatient.chat({ messages }))).toBe('ZRX_ASSISTANT_PROVIDER_TIMEOUT');
    expect(await codeOf(impatient.chat({ messages }, { onText: () => undefined }))).toBe(
      'ZRX_ASSISTANT_PROVIDER_TIMEOUT',
    );
  });

  it('reports garbage as ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE and error statuses as ZRX_ASSISTANT_PROVIDER_HTTP', async () => {
    fake.reset(() => ({ malformed: '<html>gateway</html>' }));
    expect(await codeOf(provider.chat({ messages }))).toBe('ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE');
    fake.reset(() => ({ malformed: '{"object":"list","data":[]}' }));
    expect(await codeOf(provider.chat({ messages }))).toBe('ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE');
    fake.reset(() => ({ status: 401, body: '{"error":{"message":"Incorrect API key"}}' }));
    const error = await provider.chat({ messages }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_ASSISTANT_PROVIDER_HTTP' });
    expect((error as Error).message).toContain('HTTP 401');
    expect((error as Error).message).toContain('Incorrect API key');
  });

  it('reports a reset connection and a closed port as ZRX_ASSISTANT_PROVIDER_DOWN', async () => {
    fake.reset(() => ({ reset: true }));
    expect(await codeOf(provider.chat({ messages }))).toBe('ZRX_ASSISTANT_PROVIDER_DOWN');
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const down = new OpenAICompatibleProvider({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      timeoutMs: 5000,
    });
    const error = await down.chat({ messages }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_ASSISTANT_PROVIDER_DOWN' });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('ends with ZRX_ASSISTANT_ABORTED when the caller aborts, or with the reason it gave', async () => {
    fake.reset(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = provider.chat({ messages }, { signal: controller.signal });
    controller.abort();
    expect(await codeOf(pending)).toBe('ZRX_ASSISTANT_ABORTED');
    const reason = new AssistantError('ZRX_ASSISTANT_WALL_TIME', 'too long');
    expect(await codeOf(provider.chat({ messages }, { signal: AbortSignal.abort(reason) }))).toBe(
      'ZRX_ASSISTANT_WALL_TIME',
    );
  });
});
