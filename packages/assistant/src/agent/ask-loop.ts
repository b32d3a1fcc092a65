import type { ChatMessage, ChatProvider, ToolCall } from '../provider/chat-types.js';
import type {
  ActionTool,
  Asker,
  AssistantTool,
  ToolArgs,
  ToolEnvironment,
} from '../tools/tool-types.js';
import { ToolInputError } from '../tools/tool-types.js';
import { type AskPlace, systemPrompt, untrusted, userTurn } from './prompt.js';
import { withWallTime } from './wall-time.js';

/** An action the model proposed: it runs only after a permitted user confirms it. */
export interface ProposedAction {
  readonly tool: ActionTool;
  readonly args: ToolArgs;
  /** What pressing the button will do, in one line. */
  readonly preview: string;
}

/** Why the loop ended. */
export type StopReason = 'answered' | 'tool-cap' | 'repeated-calls';

/** What one question produced. */
export interface AskOutcome {
  readonly answer: string;
  /** Tools that ran (or, for actions, were proposed), in first-use order. */
  readonly toolsUsed: string[];
  readonly proposals: ProposedAction[];
  readonly stopReason: StopReason;
  /** Tool calls the model made (run, refused or repeated). */
  readonly toolCalls: number;
}

/** Inputs of {@link runAskLoop}. */
export interface AskLoopInput {
  readonly provider: ChatProvider;
  /** The tools the asker holds the permission for: the only ones offered and run. */
  readonly tools: readonly AssistantTool[];
  readonly env: ToolEnvironment;
  readonly asker: Asker;
  readonly question: string;
  readonly place: AskPlace;
  readonly botName: string;
  readonly maxToolCalls: number;
  readonly wallTimeMs: number;
  readonly maxAnswerTokens: number;
  /** Passes each provider call's token count (for the budget). */
  readonly onTokens: (tokens: number) => void;
  /** Makes text rounds stream: called with the text of the current round so far. */
  readonly onText?: (textSoFar: string) => void;
  /** Called when a tool starts. */
  readonly onTool?: (name: string) => void;
  /** Scrubs tool output before it enters the conversation (secrets). */
  readonly scrub: (text: string) => string;
  readonly signal?: AbortSignal;
}

/** Identical calls after which the loop stops offering tools. */
const REPEAT_LIMIT = 2;

function canonicalArgs(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw || '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return raw.trim();
    const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
    return JSON.stringify(sorted);
  } catch {
    return raw.trim();
  }
}

function parseArgs(raw: string): ToolArgs | undefined {
  try {
    const value: unknown = JSON.parse(raw || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers one question: asks the model, runs the read tools it calls (only those offered),
 * records the actions it proposes (never runs them), and repeats until the model answers in
 * text. Hard limits: `maxToolCalls` per question (then the model must answer without tools),
 * identical repeated calls are not run again and stop the tools after {@link REPEAT_LIMIT},
 * and the whole question is aborted after `wallTimeMs` (`ZRX_ASSISTANT_WALL_TIME`).
 */
export function runAskLoop(input: AskLoopInput): Promise<AskOutcome> {
  return withWallTime(input.wallTimeMs, input.signal, (signal) => loop(input, signal));
}

async function loop(input: AskLoopInput, signal: AbortSignal): Promise<AskOutcome> {
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(input.botName) },
    { role: 'user', content: userTurn(input.question, input.place) },
  ];
  const specs = input.tools.map(({ name, description, parameters }) => ({
    name,
    description,
    parameters,
  }));
  const toolsUsed: string[] = [];
  const proposals: ProposedAction[] = [];
  const seen = new Set<string>();
  let calls = 0;
  let repeats = 0;
  let stopReason: StopReason = 'answered';
  for (;;) {
    if (stopReason === 'answered' && calls >= input.maxToolCalls && specs.length > 0) {
      stopReason = 'tool-cap';
    }
    const offerTools = stopReason === 'answered' && specs.length > 0;
    if (stopReason !== 'answered') {
      messages.push({
        role: 'system',
        content:
          stopReason === 'tool-cap'
            ? `The limit of ${input.maxToolCalls} tool calls for this question is reached: no more tools. Answer now from the results above.`
            : 'The same tool call was repeated: no more tools. Answer now from the results above.',
      });
    }
    let round = '';
    const onText = input.onText;
    const response = await input.provider.chat(
      { messages, ...(offerTools ? { tools: specs } : {}), maxTokens: input.maxAnswerTokens },
      {
        signal,
        ...(onText
          ? {
              onText: (delta: string) => {
                round += delta;
                onText(round);
              },
            }
          : {}),
      },
    );
    input.onTokens(response.usage.totalTokens);
    if (!offerTools || response.toolCalls.length === 0) {
      return {
        answer: response.content.trim() || fallbackAnswer(stopReason, input.maxToolCalls),
        toolsUsed,
        proposals,
        stopReason,
        toolCalls: calls,
      };
    }
    messages.push({ role: 'assistant', content: response.content, toolCalls: response.toolCalls });
    for (const call of response.toolCalls) {
      let result: string;
      if (calls >= input.maxToolCalls) {
        stopReason = 'tool-cap';
        result = `Not run: the limit of ${input.maxToolCalls} tool calls for one question is reached. Answer now with what you have.`;
      } else {
        calls++;
        const key = `${call.name}\u0000${canonicalArgs(call.arguments)}`;
        if (seen.has(key)) {
          repeats++;
          if (repeats >= REPEAT_LIMIT) stopReason = 'repeated-calls';
          result = `Not run again: you already called ${call.name} with these exact arguments; its result is above. Use it, or answer.`;
        } else {
          seen.add(key);
          result = await runTool(call, input, toolsUsed, proposals);
        }
      }
      messages.push({ role: 'tool', toolCallId: call.id, content: result });
      if (signal.aborted) throw signal.reason;
    }
  }
}

async function runTool(
  call: ToolCall,
  input: AskLoopInput,
  toolsUsed: string[],
  proposals: ProposedAction[],
): Promise<string> {
  const tool = input.tools.find((t) => t.name === call.name);
  if (!tool) {
    // Not offered (unknown, or the asker lacks its permission): never run, whatever the model says.
    return `Tool "${call.name}" is not available to this user. Do not call it again.`;
  }
  const args = parseArgs(call.arguments);
  if (!args)
    return `The arguments of ${call.name} are not a JSON object; call it again with valid JSON.`;
  input.onTool?.(tool.name);
  if (!toolsUsed.includes(tool.name)) toolsUsed.push(tool.name);
  try {
    if (tool.kind === 'action') {
      const preview = tool.preview(args, input.env);
      proposals.push({ tool, args, preview });
      return `Proposed, NOT done: "${preview}" It runs only if a user with ${tool.permission} access presses the confirmation button under your answer. Tell the user so.`;
    }
    const output = await tool.run(args, input.env, input.asker);
    return untrusted(`tool:${tool.name}`, input.scrub(output));
  } catch (error) {
    if (error instanceof ToolInputError) return `Error: ${error.message}`;
    const message = error instanceof Error ? error.message : String(error);
    return untrusted(`tool:${tool.name}:error`, input.scrub(`The tool failed: ${message}`));
  }
}

function fallbackAnswer(reason: StopReason, cap: number): string {
  if (reason === 'tool-cap')
    return `I stopped after ${cap} tool calls (the limit for one question) without a final answer. Try a narrower question.`;
  if (reason === 'repeated-calls')
    return 'I stopped because the same tool call kept repeating. Try rephrasing the question.';
  return 'The model returned an empty answer.';
}
