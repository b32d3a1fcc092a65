import type { OptionValue, OptionValues } from '@zoryx/emulator';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';

/** Looks up what a mention or name in an option value refers to; returns an id. */
export interface MentionResolver {
  /** `@alice`, `alice`, `<@123>` → the user's id. */
  user(ref: string): string | undefined;
  /** `#general`, `general`, `<#123>` → the channel's id. */
  channel(ref: string): string | undefined;
  /** `@mods`, `mods`, `<@&123>` → the role's id. */
  role(ref: string): string | undefined;
}

/** A slash command line turned into what the emulator's `user.slash()` takes. */
export interface SlashInvocation {
  /** Command name with subcommand group/subcommand, e.g. `mod ban`. */
  readonly name: string;
  readonly options: OptionValues;
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const OPTION = /^([\p{Ll}\p{Lu}\p{N}_-]+):(.*)$/su;

/** Splits a line on whitespace, keeping "double" or 'single' quoted parts together (quotes dropped). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (const char of line) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (started || current) tokens.push(current);
  return tokens;
}

function leafOptions(
  command: APIApplicationCommand | undefined,
  path: readonly string[],
): readonly APIApplicationCommandOption[] {
  let options: readonly APIApplicationCommandOption[] = command?.options ?? [];
  for (const part of path) {
    const next = options.find(
      (o) => (o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP) && o.name === part,
    );
    if (!next || !('options' in next)) return [];
    options = (next.options ?? []) as readonly APIApplicationCommandOption[];
  }
  return options;
}

function strip(ref: string, pattern: RegExp): string {
  return pattern.exec(ref)?.[1] ?? ref;
}

function convert(
  option: APIApplicationCommandOption | undefined,
  raw: string,
  mentions: MentionResolver,
): OptionValue {
  switch (option?.type) {
    case 4:
      return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case 10:
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 5:
      if (/^(true|yes|on)$/i.test(raw)) return true;
      return /^(false|no|off)$/i.test(raw) ? false : raw;
    case 6:
      return mentions.user(strip(raw, /^<@!?(\d+)>$/)) ?? raw;
    case 7:
      return mentions.channel(strip(raw, /^<#(\d+)>$/)) ?? raw;
    case 8:
      return mentions.role(strip(raw, /^<@&(\d+)>$/)) ?? raw;
    case 9:
      return (
        mentions.user(strip(raw, /^<@!?(\d+)>$/)) ?? mentions.role(strip(raw, /^<@&(\d+)>$/)) ?? raw
      );
    case 11:
      return { filename: raw };
    default:
      return raw;
  }
}

/**
 * Parses `/ban user:@alice reason:"too much spam"` (the text after the slash) against the
 * registered commands: leading words form the command path (`mod ban`), `name:value` pairs the
 * options, each converted to its declared type (integers, numbers, booleans, mentions of users,
 * channels and roles resolved to ids). Words after an option that are not `name:` of another
 * option continue its value, so `reason:too much spam` works without quotes. Unknown commands
 * and options pass through as strings: the emulator then reports them as Discord would.
 */
export function parseSlashLine(
  text: string,
  commands: readonly APIApplicationCommand[],
  mentions: MentionResolver,
): SlashInvocation {
  const [first = '', ...rest] = tokenize(text);
  const command = commands.find((c) => c.type === 1 && c.name === first.toLowerCase());
  const path: string[] = [];
  const raw: [string, string][] = [];
  for (const token of rest) {
    const match = OPTION.exec(token);
    const known = match ? leafOptions(command, path).some((o) => o.name === match[1]) : false;
    // An unknown `name:` starts an option only before any other option (the emulator then names
    // it in its error); after one, it is part of that value (`reason:see https://x`).
    if (match && (known || !command || raw.length === 0)) {
      raw.push([match[1]!, match[2]!]);
    } else if (raw.length > 0) {
      const last = raw[raw.length - 1]!;
      last[1] = `${last[1]} ${token}`;
    } else {
      path.push(token.toLowerCase());
    }
  }
  const declared = leafOptions(command, path);
  const options: Record<string, OptionValue> = {};
  for (const [name, value] of raw) {
    options[name] = convert(
      declared.find((o) => o.name === name),
      value,
      mentions,
    );
  }
  return { name: [first.toLowerCase(), ...path].join(' '), options };
}
