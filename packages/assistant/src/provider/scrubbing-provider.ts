import type { ChatMessage, ChatProvider } from './chat-types.js';

function scrubMessage(message: ChatMessage, scrub: (text: string) => string): ChatMessage {
  if (message.role !== 'assistant' || !message.toolCalls)
    return { ...message, content: scrub(message.content) };
  return {
    ...message,
    content: scrub(message.content),
    toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: scrub(call.arguments) })),
  };
}

/**
 * Wraps a provider so every message text it is given has passed `scrub` — for providers that do
 * not serialize through the built-in client (which scrubs its whole request body).
 */
export function scrubbingProvider(
  provider: ChatProvider,
  scrub: (text: string) => string,
): ChatProvider {
  return {
    label: provider.label,
    chat: (request, options) =>
      provider.chat(
        { ...request, messages: request.messages.map((m) => scrubMessage(m, scrub)) },
        options,
      ),
  };
}
