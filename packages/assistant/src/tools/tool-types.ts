import type { AccessLevel, ZoryxClient } from '@zoryx/framework';
import type { JsonSchemaObject } from '../provider/chat-types.js';

/** Who asked: their id, the guild they asked in, and the access level they hold there. */
export interface Asker {
  readonly userId: string;
  readonly guildId?: string | undefined;
  readonly access: AccessLevel;
}

/** Arguments the model passed to a tool, parsed from its JSON. */
export type ToolArgs = Readonly<Record<string, unknown>>;

/** What every tool can read: the bot, and the assistant's own records. */
export interface ToolEnvironment {
  readonly bot: ZoryxClient;
  /** The last command errors seen on the hook bus (see `RecentErrors`). */
  readonly errors: {
    list(): readonly RecordedCommandError[];
  };
  /** Full-text search over the shipped docs. */
  readonly docs: { search(query: string, limit: number): DocHit[] };
}

/** One command error as the assistant remembers it. */
export interface RecordedCommandError {
  readonly errorId: string;
  readonly command: string;
  readonly kind: string;
  readonly message: string;
  readonly code: string | undefined;
  readonly guildId: string | null;
  readonly at: number;
}

/** One result of a docs search. */
export interface DocHit {
  readonly source: string;
  readonly heading: string;
  readonly text: string;
  readonly score: number;
}

interface ToolBase {
  /** `snake_case`, as the model calls it. */
  readonly name: string;
  /** What it returns, for the model. */
  readonly description: string;
  readonly parameters: JsonSchemaObject;
  /** The access level an asker must hold for the tool to be offered (and run). */
  readonly permission: AccessLevel;
}

/** A read-only tool: runs as soon as the model calls it, returns text for the model. */
export interface ReadTool extends ToolBase {
  readonly kind: 'read';
  run(args: ToolArgs, env: ToolEnvironment, asker: Asker): string | Promise<string>;
}

/**
 * A tool that changes something. The model can only *propose* it: the proposal is shown with a
 * confirmation button, and it runs when a user holding `permission` presses it. No argument the
 * model passes can skip that.
 */
export interface ActionTool extends ToolBase {
  readonly kind: 'action';
  /** Checks the arguments and says in one line what pressing the button will do; throws `ToolInputError` when invalid. */
  preview(args: ToolArgs, env: ToolEnvironment): string;
  /** Does it (after the confirmation); returns a one-line result. */
  execute(args: ToolArgs, env: ToolEnvironment): Promise<string>;
}

/** A tool of the assistant. */
export type AssistantTool = ReadTool | ActionTool;

/** A tool's arguments were wrong: the message goes back to the model, which can retry. */
export class ToolInputError {
  public constructor(public readonly message: string) {}
}

/** A required string argument (trimmed), or a {@link ToolInputError}. */
export function stringArg(args: ToolArgs, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ToolInputError(`Argument "${key}" (a non-empty string) is required.`);
  }
  return value.trim();
}

/** An optional string argument (trimmed), or `undefined`. */
export function optionalStringArg(args: ToolArgs, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Parameters of a tool without arguments. */
export const NO_PARAMETERS: JsonSchemaObject = {
  type: 'object',
  properties: {},
  additionalProperties: false,
};

/** Parameters of a tool with one string argument. */
export function oneString(name: string, description: string, required = true): JsonSchemaObject {
  return {
    type: 'object',
    properties: { [name]: { type: 'string', description } },
    ...(required ? { required: [name] } : {}),
    additionalProperties: false,
  };
}
