import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import { isRecord } from './is-record.js';

/** The command name and options a usage line describes. */
export interface UsageTarget {
  readonly name: string;
  readonly options?: readonly APIApplicationCommandOption[] | undefined;
}

/**
 * A one-line usage for a prefix invocation: `ban <user> [days] [reason...]`.
 * `<x>` is required, `[x]` optional, `...` marks the last string option (it takes the rest of the
 * line), `<mode: fast|slow>` lists choices. A command with subcommands lists them:
 * `config <get|set>`; pass `path` to describe one subcommand (`config set <key> <value...>`).
 */
export function usageLine(cmd: UsageTarget, path: readonly string[] = []): string {
  let options = cmd.options ?? [];
  const words = [cmd.name];
  for (const step of path) {
    const next = options.find((o) => o.name === step);
    if (next === undefined || !('options' in next)) break;
    words.push(next.name);
    options = (next.options ?? []) as readonly APIApplicationCommandOption[];
  }
  const containers = options.filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
  if (containers.length > 0) {
    words.push(`<${containers.map((o) => o.name).join('|')}>`);
    return words.join(' ');
  }
  const params = options as readonly APIApplicationCommandBasicOption[];
  params.forEach((option, index) => {
    const rest = option.type === T.String && index === params.length - 1 ? '...' : '';
    const choices =
      'choices' in option && Array.isArray(option.choices) && option.choices.length > 0
        ? `: ${option.choices
            .slice(0, 5)
            .map((c) => (isRecord(c) ? String(c.name) : ''))
            .join('|')}${option.choices.length > 5 ? '|…' : ''}`
        : '';
    const inner = `${option.name}${choices}${rest}`;
    words.push(option.required === true ? `<${inner}>` : `[${inner}]`);
  });
  return words.join(' ');
}
