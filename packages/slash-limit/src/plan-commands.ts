import {
  ApplicationCommandType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type CommandSpec, routeKey, toPayload } from './command-spec.js';
import { type ChatInputEntry, compareRank, fitChatInput } from './fit-chat-input.js';
import { isRecord } from './is-record.js';
import { DiscordLimits } from './limits.js';
import { normalizeCommand } from './normalize-command.js';
import { resolvePlanOptions } from './plan-options.js';
import { describeStatus } from './plan-status.js';
import type { CommandPlan, PlanOptions, Route } from './plan-types.js';
import { stableStringify } from './stable-json.js';
import { inspectCommand, validateCommand } from './validate-command.js';
import type { Violation } from './violation.js';

type Invalid = { command: string; violations: Violation[] };

/**
 * Fits any number of application commands for one scope (global, or one guild) inside Discord's
 * limits and says how every original command is reached.
 *
 * - Invalid commands are never sent: they appear in `violations` and are routed `prefix-only`
 *   (or `excluded` with `prefixFallback: false`) with the first broken rule as the reason.
 * - Up to `safeLimit` chat-input commands stay top-level in rank order (pinned, priority, name);
 *   the rest fold into category roots (`/mod ban`). Context-menu commands have their own caps.
 * - Deterministic: the same commands in any order give the same plan.
 *
 * @throws {@link SlashLimitError} `ZRX_SLASH_OPTIONS` when the thresholds are inconsistent.
 */
export function planCommands(cmds: readonly CommandSpec[], options?: PlanOptions): CommandPlan {
  const opts = resolvePlanOptions(options);
  const unreachable = (reason: string): Route =>
    opts.prefixFallback ? { kind: 'prefix-only', reason } : { kind: 'excluded', reason };
  // No prototype: `__proto__` and `constructor` are valid command names.
  const routes: Record<string, Route> = Object.create(null);
  const invalid: Invalid[] = [];
  const chatInput: ChatInputEntry[] = [];
  const menus = new Map<number, CommandSpec[]>();
  const allChatNames = new Set<string>();

  for (const [key, group] of groupByKey(cmds, invalid)) {
    const first = group[0]!;
    if (first.type === undefined || first.type === ApplicationCommandType.ChatInput) {
      allChatNames.add(first.name);
    }
    if (group.length > 1 && new Set(group.map(canonical)).size > 1) {
      const message = `name: ${group.length} different commands are named "${first.name}"`;
      invalid.push({
        command: key,
        violations: [{ path: 'name', rule: 'name.duplicate', message }],
      });
      routes[key] = unreachable(`${group.length} different commands share this name`);
      continue;
    }
    const { violations, characters } = inspectCommand(first);
    if (violations.length > 0) {
      invalid.push({ command: key, violations });
      const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
      routes[key] = unreachable(`invalid: ${violations[0]!.message}${more}`);
      continue;
    }
    const type = first.type ?? ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) {
      chatInput.push({
        spec: first,
        payload: toPayload(first) as RESTPostAPIChatInputApplicationCommandsJSONBody,
        cost: characters,
      });
    } else {
      menus.set(type, [...(menus.get(type) ?? []), first]);
    }
  }

  chatInput.sort((a, b) => compareRank(a.spec, b.spec));
  const fit = fitChatInput(chatInput, opts, allChatNames);
  for (const name of fit.topLevel) routes[name] = { kind: 'top-level' };
  for (const [name, route] of fit.folded) routes[name] = route;
  for (const [name, reason] of fit.unplaced) routes[name] = unreachable(reason);

  const register: RESTPostAPIApplicationCommandsJSONBody[] = [...fit.register];
  const menuOverflow: string[] = [];
  for (const type of [...menus.keys()].sort()) {
    const cap =
      type === ApplicationCommandType.PrimaryEntryPoint
        ? DiscordLimits.entryPointCommands
        : opts.contextMenuLimit;
    const ranked = menus.get(type)!.sort(compareRank);
    ranked.forEach((spec, index) => {
      const key = routeKey(spec);
      if (index < cap) {
        routes[key] = { kind: 'top-level' };
        register.push(toPayload(spec));
      } else {
        routes[key] = unreachable(`over the ${cap} commands of this type Discord allows per scope`);
        menuOverflow.push(key);
      }
    });
  }

  invalid.sort((a, b) => (a.command < b.command ? -1 : a.command > b.command ? 1 : 0));
  return {
    register,
    routes,
    violations: invalid,
    status: describeStatus({ opts, fit, demand: chatInput.length, routes, invalid, menuOverflow }),
  };
}

/**
 * Groups named commands by route key in key order; unnamed inputs go straight to `invalid`
 * (they have no name to route by), keyed `#<index>`.
 */
function groupByKey(cmds: readonly CommandSpec[], invalid: Invalid[]): Map<string, CommandSpec[]> {
  const groups = new Map<string, CommandSpec[]>();
  cmds.forEach((cmd: unknown, index) => {
    if (!isRecord(cmd) || typeof cmd.name !== 'string') {
      invalid.push({ command: `#${index}`, violations: validateCommand(cmd) });
      return;
    }
    const spec = cmd as unknown as CommandSpec;
    const type = typeof spec.type === 'number' ? spec.type : undefined;
    const key = routeKey({ name: spec.name, type });
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [spec]);
    else group.push(spec);
  });
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Equal for two specs that would register the same command with the same planning hints. */
function canonical(spec: CommandSpec): string {
  const { category, priority, pinned } = spec;
  return stableStringify({ command: normalizeCommand(spec), category, priority, pinned });
}
