export type { AskOutcome, ProposedAction, StopReason } from './agent/ask-loop.js';
export type { PendingAction } from './agent/pending-actions.js';
export { type AskPlace, untrusted } from './agent/prompt.js';
export { SecretScrubber } from './agent/secret-scrubber.js';
export { default, SHIPPED_DOCS_DIR } from './assistant-extension.js';
export {
  type AnswerOptions,
  type AskAnswer,
  type AskAsker,
  type AssistantApi,
  AssistantService,
  type ProposedActionInfo,
  QUESTION_MAX,
} from './assistant-service.js';
export {
  type AssistantConfig,
  assistantConfigSchema,
  DEFAULT_API_KEY_ENV,
} from './config.js';
export { Bm25Index } from './docs/bm25-index.js';
export { DocsIndex } from './docs/docs-index.js';
export {
  AssistantError,
  type AssistantErrorCode,
  assistantErrorCatalogue,
  isAssistantError,
} from './errors.js';
export type { DailyUsage } from './limits/token-budget.js';
export type {
  ChatMessage,
  ChatOptions,
  ChatProvider,
  ChatRequest,
  ChatResponse,
  TokenUsage,
  ToolCall,
  ToolSpec,
} from './provider/chat-types.js';
export {
  type OpenAICompatibleOptions,
  OpenAICompatibleProvider,
} from './provider/openai-compatible.js';
export { ASSISTANT_TOOLS, toolsFor } from './tools/tool-catalog.js';
export type {
  ActionTool,
  Asker,
  AssistantTool,
  ReadTool,
  ToolEnvironment,
} from './tools/tool-types.js';
