/**
 * The provider-neutral shape of a chat with tool calling. It is the OpenAI chat-completions shape
 * (the de-facto standard that OpenAI, Azure, OpenRouter, Ollama, llama.cpp and vLLM all speak),
 * kept small so another provider can map onto it.
 */

/** A tool call the model asked for. `arguments` is the raw JSON text the model produced. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** One message of the conversation. */
export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly ToolCall[];
    }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A JSON Schema object describing a tool's arguments. */
export interface JsonSchemaObject {
  readonly type: 'object';
  readonly properties: Readonly<
    Record<string, { readonly type: string; readonly description: string }>
  >;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

/** A tool offered to the model. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchemaObject;
}

/** One request to the model. */
export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Offered tools; empty or absent: the model must answer in text. */
  readonly tools?: readonly ToolSpec[];
  readonly maxTokens?: number;
}

/** Tokens as the provider counted them (estimated when it did not say). */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** True when the provider reported no usage and the numbers are estimates. */
  readonly estimated: boolean;
}

/** The model's answer to one request. */
export interface ChatResponse {
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
  readonly usage: TokenUsage;
}

/** Options of one {@link ChatProvider.chat} call. */
export interface ChatOptions {
  /** Aborts the request (rejects with `ZRX_ASSISTANT_ABORTED`, or the reason if it is an AssistantError). */
  readonly signal?: AbortSignal;
  /** When given, the answer is streamed and each piece of text is passed here as it arrives. */
  readonly onText?: (delta: string) => void;
}

/**
 * A chat model behind some API. Implementations must reject with a coded `AssistantError`
 * (`ZRX_ASSISTANT_PROVIDER_*`) on every failure and must never hang past their timeout.
 */
export interface ChatProvider {
  /** A short label for logs and `ask_config` (never the key). */
  readonly label: string;
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResponse>;
}
