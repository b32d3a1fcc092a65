import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake provider received. */
export interface RecordedRequest {
  readonly raw: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: string; tool_call_id?: string; tool_calls?: unknown[] }[];
    tools?: { function: { name: string } }[];
  };
}

/** What the fake answers one request with. */
export type FakeReply =
  | { readonly content: string; readonly toolCalls?: undefined }
  | { readonly toolCalls: readonly { name: string; args: object }[]; readonly content?: string }
  | { readonly status: number; readonly body: string }
  | { readonly malformed: string }
  | { readonly hang: true }
  | { readonly reset: true };

/** Scripted answers: called with each request and its 0-based index. */
export type FakeScript = (request: RecordedRequest, index: number) => FakeReply;

/**
 * A real OpenAI-compatible HTTP server (node:http) with scripted answers, for the assistant's
 * tests: it records every request body, answers `stream: true` requests as SSE (content in
 * several chunks, a small pause between them), and can hang, reset or send garbage.
 */
export class FakeProvider {
  readonly requests: RecordedRequest[] = [];
  script: FakeScript = () => ({ content: 'ok' });
  /** Every request since start (never reset), for checks across the whole file. */
  readonly all: RecordedRequest[] = [];
  /** Pause between streamed chunks. */
  chunkPauseMs = 40;
  /** Characters of content per streamed chunk. */
  chunkChars = 12;
  /** Awaited before the last streamed chunk (a test can wait there for what the bot shows). */
  beforeLastChunk: () => Promise<void> = async () => undefined;
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(): Promise<FakeProvider> {
    const server = createServer();
    const fake = new FakeProvider(server);
    server.on('request', (req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        raw += chunk;
      });
      req.on('end', () => {
        const request: RecordedRequest = { raw, headers: req.headers, body: JSON.parse(raw) };
        fake.requests.push(request);
        fake.all.push(request);
        void fake.#answer(fake.script(request, fake.requests.length - 1), request, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  /** The base URL to configure (`…/v1`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  /** Forgets the recorded requests and sets a new script. */
  reset(script: FakeScript): void {
    this.requests.length = 0;
    this.script = script;
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    this.#server.close();
  }

  async #answer(reply: FakeReply, request: RecordedRequest, res: ServerResponse): Promise<void> {
    if ('hang' in reply) {
      this.#hanging.add(res);
      return;
    }
    if ('reset' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      return;
    }
    if ('malformed' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply.malformed);
      return;
    }
    const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
      id: `call_${this.requests.length}_${i}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.args) },
    }));
    const usage = { prompt_tokens: 300, completion_tokens: 100, total_tokens: 400 };
    const finish = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    if (!request.body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: reply.content ?? null,
                ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
              },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (payload: object) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const text = reply.content ?? '';
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += this.chunkChars)
      pieces.push(text.slice(i, i + this.chunkChars));
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && index > 0) await this.beforeLastChunk();
      send({ choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      await new Promise((resolve) => setTimeout(resolve, this.chunkPauseMs));
    }
    toolCalls.forEach((call, index) => {
      // Split like real servers do: the name first, the arguments in a later fragment.
      send({
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index,
                  id: call.id,
                  type: 'function',
                  function: { name: call.function.name, arguments: '' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      });
      send({
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
            finish_reason: null,
          },
        ],
      });
    });
    send({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
    send({ choices: [], usage });
    res.end('data: [DONE]\n\n');
  }
}

/** The tool names a request offered. */
export function offeredTools(request: RecordedRequest): string[] {
  return (request.body.tools ?? []).map((tool) => tool.function.name);
}

/** The text of the tool results in a request (what the tools returned). */
export function toolResults(request: RecordedRequest): string[] {
  return request.body.messages.filter((m) => m.role === 'tool').map((m) => m.content);
}
