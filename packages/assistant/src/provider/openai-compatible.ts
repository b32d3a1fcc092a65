import { AssistantError, isAssistantError } from '../errors.js';
import type { ChatOptions, ChatProvider, ChatRequest, ChatResponse } from './chat-types.js';
import { sseData } from './sse-lines.js';
import {
  badResponse,
  firstChoice,
  parseJson,
  requestBody,
  ToolCallAccumulator,
  toolCallsOf,
  usageOf,
} from './wire-format.js';

/** Options of {@link OpenAICompatibleProvider}. */
export interface OpenAICompatibleOptions {
  /** API root, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer …` when set; local servers (Ollama, llama.cpp) need none. */
  readonly apiKey?: string | undefined;
  /** No response, or no stream data, for this long aborts the request. */
  readonly timeoutMs: number;
  /**
   * Runs over the serialized request body just before it is sent: the last line of defence that
   * keeps secrets out of every request, whatever a tool returned.
   */
  readonly scrub?: (body: string) => string;
  /** Replaces the global `fetch` (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/** Rough token count of text a provider did not count for us (about 4 characters a token). */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A chat-completions client written on `fetch` for any OpenAI-compatible server, with tool
 * calling and SSE streaming. Every failure is a coded {@link AssistantError}: the server down,
 * too slow (a per-request idle timeout, reset by each stream chunk), an HTTP error status, or an
 * answer in the wrong shape. It never waits past its timeout.
 *
 * @example
 * ```ts
 * const provider = new OpenAICompatibleProvider({
 *   baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 60_000,
 * });
 * const { content } = await provider.chat({ messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export class OpenAICompatibleProvider implements ChatProvider {
  public readonly label: string;
  readonly #options: OpenAICompatibleOptions;
  readonly #url: string;

  public constructor(options: OpenAICompatibleOptions) {
    this.#options = options;
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.label = `${options.model} at ${new URL(options.baseUrl).host}`;
  }

  public async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResponse> {
    const stream = options.onText !== undefined;
    const json = JSON.stringify(requestBody(this.#options.model, request, stream));
    const body = this.#options.scrub ? this.#options.scrub(json) : json;
    const timeout = new IdleTimeout(this.#options.timeoutMs, options.signal);
    try {
      const response = await this.#send(body, timeout);
      const result = stream
        ? await this.#readStream(response, timeout, options.onText ?? (() => undefined))
        : await this.#readJson(response, timeout);
      const usage = result.usage ?? {
        promptTokens: estimateTokens(body),
        completionTokens: estimateTokens(result.content + JSON.stringify(result.toolCalls)),
        totalTokens: 0,
      };
      return {
        ...result,
        usage: {
          ...usage,
          totalTokens: usage.totalTokens || usage.promptTokens + usage.completionTokens,
          estimated: result.usage === undefined,
        },
      };
    } catch (error) {
      throw timeout.explain(error);
    } finally {
      timeout.clear();
    }
  }

  async #send(body: string, timeout: IdleTimeout): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(this.#url, {
        method: 'POST',
        headers,
        body,
        signal: timeout.signal,
      });
    } catch (error) {
      if (timeout.signal.aborted) throw error;
      throw new AssistantError(
        'ZRX_ASSISTANT_PROVIDER_DOWN',
        `The AI provider at ${new URL(this.#url).origin} could not be reached: ${causeText(error)}.`,
        { cause: error },
      );
    }
    timeout.touch();
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new AssistantError(
        'ZRX_ASSISTANT_PROVIDER_HTTP',
        `The AI provider answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${errorText(text)}`,
      );
    }
    return response;
  }

  async #readJson(response: Response, timeout: IdleTimeout) {
    const payload = parseJson(await response.text(), 'the response body');
    timeout.touch();
    const choice = firstChoice(payload, 'message');
    if (!choice) return badResponse('`choices` is empty');
    const content = choice.part.content;
    return {
      content: typeof content === 'string' ? content : '',
      toolCalls: toolCallsOf(choice.part),
      finishReason: choice.finishReason,
      usage: usageOf(payload),
    };
  }

  async #readStream(response: Response, timeout: IdleTimeout, onText: (delta: string) => void) {
    if (!response.body) return badResponse('the stream has no body');
    const calls = new ToolCallAccumulator();
    let content = '';
    let finishReason: string | null = null;
    let usage: ReturnType<typeof usageOf>;
    let done = false;
    for await (const data of sseData(response.body, () => timeout.touch())) {
      if (data.trim() === '[DONE]') {
        done = true;
        break;
      }
      const payload = parseJson(data, 'a stream event');
      usage = usageOf(payload) ?? usage;
      const choice = firstChoice(payload, 'delta');
      if (!choice) continue;
      finishReason = choice.finishReason ?? finishReason;
      const text = choice.part.content;
      if (typeof text === 'string' && text !== '') {
        content += text;
        onText(text);
      }
      calls.add(choice.part.tool_calls);
    }
    if (!done && finishReason === null)
      badResponse('the stream ended without `[DONE]` or a finish reason');
    return { content, toolCalls: calls.calls(), finishReason, usage };
  }
}

/** The innermost message of a fetch failure (`ECONNREFUSED 127.0.0.1:9`, …). */
function causeText(error: unknown): string {
  let current: unknown = error;
  let text = 'unknown error';
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    text = current.message;
    current = current.cause;
  }
  return text;
}

/** The provider's error message (OpenAI's `{ error: { message } }` or the body), clipped. */
function errorText(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const inner = parsed.error;
      if (typeof inner === 'object' && inner !== null && 'message' in inner) {
        return String(inner.message).slice(0, 300);
      }
      if (typeof inner === 'string') return inner.slice(0, 300);
    }
  } catch {
    // Not JSON: the raw text below.
  }
  return text.slice(0, 300) || '(empty body)';
}

/**
 * One request's abort signal: aborted when the caller's signal aborts, or when nothing arrived
 * for `ms` (reset by {@link IdleTimeout.touch}).
 */
class IdleTimeout {
  readonly #controller = new AbortController();
  readonly #ms: number;
  readonly #outer: AbortSignal | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  readonly #onOuterAbort = () => this.#controller.abort();

  constructor(ms: number, outer: AbortSignal | undefined) {
    this.#ms = ms;
    this.#outer = outer;
    if (outer?.aborted) this.#controller.abort();
    outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, this.#ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }

  /** The coded error for a failure: a timeout or an abort say so, whatever fetch threw. */
  explain(error: unknown): unknown {
    if (this.#timedOut) {
      return new AssistantError(
        'ZRX_ASSISTANT_PROVIDER_TIMEOUT',
        `The AI provider sent nothing for ${this.#ms} ms; the request was aborted.`,
        { cause: error },
      );
    }
    if (this.#outer?.aborted) {
      const reason: unknown = this.#outer.reason;
      return isAssistantError(reason)
        ? reason
        : new AssistantError('ZRX_ASSISTANT_ABORTED', 'The question was cancelled.', {
            cause: error,
          });
    }
    if (isAssistantError(error)) return error;
    return new AssistantError(
      'ZRX_ASSISTANT_PROVIDER_DOWN',
      `The connection to the AI provider failed: ${causeText(error)}.`,
      { cause: error },
    );
  }
}
