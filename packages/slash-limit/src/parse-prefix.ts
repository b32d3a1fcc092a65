import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import type { CommandSpec } from './command-spec.js';
import { UsageError } from './errors.js';
import { isRecord } from './is-record.js';
import { type EntityLookup, parseValue } from './parse-value.js';
import { type Token, tokenize } from './tokenize.js';
import { usageLine } from './usage-line.js';

/** A successfully parsed prefix invocation. */
export interface ParsedInvocation {
  readonly ok: true;
  /** Converted values by option name, as the slash handler would have received them. */
  readonly options: Record<string, unknown>;
  /** For user and mentionable options that named a user: the member, when `lookup` found one. */
  readonly members: Record<string, unknown>;
  /** The subcommand group chosen by the first argument, if the command has groups. */
  readonly group?: string;
  /** The subcommand chosen, if the command has subcommands. */
  readonly subcommand?: string;
}

/** The result of {@link parsePrefixInvocation}. */
export type PrefixParseResult =
  | ParsedInvocation
  | { readonly ok: false; readonly error: UsageError };

type Options = readonly APIApplicationCommandOption[];

/**
 * Parses the text after a prefix command's name into the options its slash form would get.
 *
 * Arguments are positional in option order, or `name:value` for any option. Quotes group words;
 * the last option, when it is a string, takes the rest of the line as typed. A command with
 * subcommands takes the subcommand (and group) as its first argument(s). An optional option whose
 * argument is not of its type at all (a word for a number) is skipped and the argument tried on
 * the next option; a value of the right type that breaks a rule (out of range, not a choice,
 * unknown id) is an error.
 * Never throws for bad input: the error result carries the usage line and the failing argument.
 *
 * @example
 * await parsePrefixInvocation(ban, '<@123456789012345678> 7 spamming links', lookup);
 * // { ok: true, options: { user: …, days: 7, reason: 'spamming links' }, members: { user: … } }
 */
export async function parsePrefixInvocation(
  cmd: CommandSpec,
  argsText: string,
  lookup: EntityLookup,
): Promise<PrefixParseResult> {
  const path: string[] = [];
  let options = optionsOf(cmd);
  let text = argsText;
  const fail = (message: string, argument?: string, input?: string) => ({
    ok: false as const,
    error: new UsageError(`${[cmd.name, ...path].join(' ')}: ${message}`, {
      usage: usageLine(cmd, path),
      argument,
      input,
    }),
  });

  while (options.some((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup)) {
    const [first] = tokenize(text, new Set());
    const names = options.map((o) => o.name).join(', ');
    if (first === undefined) return fail(`choose one of: ${names}`);
    const chosen = options.find((o) => o.name === first.value.toLowerCase());
    if (chosen === undefined)
      return fail(`"${first.value}" is not one of: ${names}`, undefined, first.value);
    path.push(chosen.name);
    options = optionsOf(chosen);
    text = text.slice(first.end);
  }

  const params = options as readonly APIApplicationCommandBasicOption[];
  const tokens = tokenize(text, new Set(params.map((o) => o.name.toLowerCase())));
  // No prototype: `__proto__` is a valid option name.
  const values: Record<string, unknown> = Object.create(null);
  const members: Record<string, unknown> = Object.create(null);
  const store = (
    option: APIApplicationCommandBasicOption,
    result: { value: unknown; member?: unknown },
  ) => {
    values[option.name] = result.value;
    if (result.member !== undefined) members[option.name] = result.member;
  };

  for (const token of tokens.filter((t) => t.name !== undefined)) {
    const option = params.find((o) => o.name === token.name!.toLowerCase())!;
    if (option.name in values)
      return fail(`<${option.name}> is given twice`, option.name, token.value);
    const result = await parseValue(option, token.value, lookup);
    if (!result.ok) return fail(`<${option.name}>: ${result.problem}`, option.name, token.value);
    store(option, result);
  }

  const positional = tokens.filter((t) => t.name === undefined);
  const open = params.filter((o) => !(o.name in values));
  let next = 0;
  let skipped: { option: string; problem: string; input: string } | undefined;
  for (const [index, option] of open.entries()) {
    const token = positional[next];
    if (token === undefined) break;
    const isLast = index === open.length - 1;
    const raw =
      isLast && option.type === T.String
        ? restOfLine(text, tokens, positional.slice(next))
        : token.value;
    const result = await parseValue(option, raw, lookup);
    if (result.ok) {
      store(option, result);
      next = isLast && option.type === T.String ? positional.length : next + 1;
      continue;
    }
    if (option.required === true || isLast || !result.mismatch) {
      return fail(`<${option.name}>: ${result.problem}`, option.name, raw);
    }
    skipped ??= { option: option.name, problem: result.problem, input: raw };
  }

  if (next < positional.length) {
    if (skipped !== undefined)
      return fail(`<${skipped.option}>: ${skipped.problem}`, skipped.option, skipped.input);
    const extra = positional[next]!.value;
    return fail(`unexpected argument "${extra}"`, undefined, extra);
  }
  const missing = params.find((o) => o.required === true && !(o.name in values));
  if (missing !== undefined) return fail(`<${missing.name}> is required`, missing.name);

  return {
    ok: true,
    options: values,
    members,
    ...(path.length === 2 ? { group: path[0]!, subcommand: path[1]! } : {}),
    ...(path.length === 1 ? { subcommand: path[0]! } : {}),
  };
}

/**
 * The text a trailing string option receives: the remaining arguments as typed (inner spacing
 * kept), or the unquoted value when it is a single quoted argument. Named arguments between them
 * are left out by joining the positional values instead.
 */
function restOfLine(text: string, all: readonly Token[], rest: readonly Token[]): string {
  const first = rest[0]!;
  const last = rest[rest.length - 1]!;
  if (rest.length === 1) return first.value;
  const interleaved = all.some(
    (t) => t.name !== undefined && t.start > first.start && t.end < last.end,
  );
  return interleaved ? rest.map((t) => t.value).join(' ') : text.slice(first.start, last.end);
}

/**
 * The option list of a command or container, skipping malformed entries: invalid commands are
 * routed prefix-only, so this parser must not throw on them.
 */
function optionsOf(node: object): Options {
  const list: unknown = (node as { options?: unknown }).options;
  return Array.isArray(list)
    ? (list.filter((o) => isRecord(o) && typeof o.name === 'string') as unknown as Options)
    : [];
}
