import { AssistantError } from '../errors.js';
import type { ChatMessage, ChatRequest, TokenUsage, ToolCall } from './chat-types.js';

/** A message in the OpenAI chat-completions wire shape. */
type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      tool_calls?: {
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

function toWire(message: ChatMessage): WireMessage {
  switch (message.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : {}),
      };
    default:
      return { role: message.role, content: message.content };
  }
}

/** The JSON body of one `/chat/completions` request. */
export function requestBody(model: string, request: ChatRequest, stream: boolean): object {
  const tools = request.tools ?? [];
  return {
    model,
    messages: request.messages.map(toWire),
    ...(tools.length > 0
      ? {
          tools: tools.map((tool) => ({
            type: 'function',
            function: {
              name: tool.name,
              description: tool.description,
              parameters: tool.parameters,
            },
          })),
          tool_choice: 'auto',
        }
      : {}),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws `ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE` naming what was wrong. */
export function badResponse(what: string, cause?: unknown): never {
  throw new AssistantError(
    'ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE',
    `The AI provider's answer is not an OpenAI chat completion: ${what}.`,
    cause === undefined ? {} : { cause },
  );
}

/** Parses JSON text, or throws `ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE`. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return badResponse(`${what} is not JSON (${JSON.stringify(text.slice(0, 80))})`, error);
  }
}

/** The usage a provider reported, or `undefined`. */
export function usageOf(payload: unknown): Omit<TokenUsage, 'estimated'> | undefined {
  if (!isRecord(payload) || !isRecord(payload.usage)) return undefined;
  const {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: total,
  } = payload.usage;
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined;
  return {
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: typeof total === 'number' ? total : prompt + completion,
  };
}

/** The first choice of a completion (`message` or `delta`), checked. */
export function firstChoice(
  payload: unknown,
  key: 'message' | 'delta',
): { part: Record<string, unknown>; finishReason: string | null } | undefined {
  if (!isRecord(payload)) return badResponse('the body is not a JSON object');
  if (isRecord(payload.error)) {
    return badResponse(`it reports an error: ${String(payload.error.message ?? 'unknown')}`);
  }
  const choices = payload.choices;
  if (!Array.isArray(choices)) return badResponse('`choices` is missing');
  const choice: unknown = choices[0];
  // A streamed usage-only chunk has no choice.
  if (choice === undefined) return undefined;
  if (!isRecord(choice) || !isRecord(choice[key]))
    return badResponse(`\`choices[0].${key}\` is missing`);
  const finish = choice.finish_reason;
  return { part: choice[key], finishReason: typeof finish === 'string' ? finish : null };
}

/** The complete tool calls of a non-streamed `message`. */
export function toolCallsOf(message: Record<string, unknown>): ToolCall[] {
  const calls = message.tool_calls;
  if (calls === undefined || calls === null) return [];
  if (!Array.isArray(calls)) return badResponse('`tool_calls` is not an array');
  return calls.map((call: unknown, index) => {
    if (!isRecord(call) || !isRecord(call.function) || typeof call.function.name !== 'string') {
      return badResponse(`tool call ${index} has no function name`);
    }
    const args = call.function.arguments;
    return {
      id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${index}`,
      name: call.function.name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    };
  });
}

/** Accumulates the tool-call fragments of a stream (`delta.tool_calls[i]`, keyed by `index`). */
export class ToolCallAccumulator {
  readonly #calls = new Map<number, { id: string; name: string; arguments: string }>();

  /** Adds one delta's `tool_calls`. */
  add(fragments: unknown): void {
    if (fragments === undefined || fragments === null) return;
    if (!Array.isArray(fragments)) badResponse('a streamed `tool_calls` is not an array');
    for (const fragment of fragments as unknown[]) {
      if (!isRecord(fragment)) badResponse('a streamed tool call is not an object');
      const record = fragment as Record<string, unknown>;
      const index = typeof record.index === 'number' ? record.index : this.#calls.size;
      const current = this.#calls.get(index) ?? { id: '', name: '', arguments: '' };
      if (typeof record.id === 'string') current.id = record.id;
      const fn = record.function;
      if (isRecord(fn)) {
        if (typeof fn.name === 'string') current.name += fn.name;
        if (typeof fn.arguments === 'string') current.arguments += fn.arguments;
      }
      this.#calls.set(index, current);
    }
  }

  /** The finished calls, in index order. */
  calls(): ToolCall[] {
    return [...this.#calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (call.name === '') badResponse(`streamed tool call ${index} has no function name`);
        return {
          id: call.id || `call_${index}`,
          name: call.name,
          arguments: call.arguments || '{}',
        };
      });
  }
}
