import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { RouteKey } from './command-spec.js';
import type { Violation } from './violation.js';

/** The command is registered with Discord as it is. */
export interface TopLevelRoute {
  readonly kind: 'top-level';
}

/** A plain command registered as `/root subcommand`. */
export interface FoldedSubcommandRoute {
  readonly kind: 'folded';
  readonly root: string;
  readonly subcommand: string;
}

/**
 * A plain command registered as `/root group subcommand` (a root with more than 25 entries
 * bundles its plain commands into groups).
 */
export interface FoldedGroupedSubcommandRoute {
  readonly kind: 'folded';
  readonly root: string;
  readonly group: string;
  readonly subcommand: string;
}

/** A command with subcommands registered whole as the group `/root group <its subcommands>`. */
export interface FoldedGroupRoute {
  readonly kind: 'folded';
  readonly root: string;
  readonly group: string;
}

/** Not registered with Discord; reachable as a prefix command only. */
export interface PrefixOnlyRoute {
  readonly kind: 'prefix-only';
  readonly reason: string;
}

/**
 * Not reachable at all: only produced with `prefixFallback: false`, or for an invalid command
 * when prefix fallback is off. The reason says why.
 */
export interface ExcludedRoute {
  readonly kind: 'excluded';
  readonly reason: string;
}

/** Any way a command folded into a root is reached. */
export type FoldedRoute = FoldedSubcommandRoute | FoldedGroupedSubcommandRoute | FoldedGroupRoute;

/** How one original command is reached. */
export type Route = TopLevelRoute | FoldedRoute | PrefixOnlyRoute | ExcludedRoute;

/** Options of {@link planCommands}; every threshold counts commands registered in one scope. */
export interface PlanOptions {
  /** Discord's hard cap the status is reported against (1–100, default 100). */
  readonly maxTopLevel?: number;
  /** From this many commands on the status is `warning` (default 90). */
  readonly warningThreshold?: number;
  /** Never register more chat-input commands than this, roots included (default 95). */
  readonly safeLimit?: number;
  /** Fold overflow into category roots (default true); false sends overflow to prefix-only. */
  readonly fold?: boolean;
  /** Route what cannot be registered to prefix-only (default true); false marks it `excluded`. */
  readonly prefixFallback?: boolean;
  /**
   * Root command names by category (`{ moderation: 'mod' }`); the key `''` names the root of
   * commands without a category (default `more`). Other categories are lowercased and cleaned.
   */
  readonly rootNames?: Readonly<Record<string, string>>;
  /** User and message context-menu commands allowed per type (default 15 each). */
  readonly contextMenuLimit?: number;
}

/** Health of a plan. */
export interface PlanStatus {
  /** Chat-input commands registered (category roots included). */
  readonly used: number;
  /** `maxTopLevel`. */
  readonly limit: number;
  /**
   * `critical` when any command is not registered as a slash command (prefix-only, excluded or
   * invalid); `warning` when the valid chat-input commands reach `warningThreshold` (folding is
   * active or close); otherwise `ok`.
   */
  readonly level: 'ok' | 'warning' | 'critical';
  /** One human-readable line per notable fact, for logs and `/slashlimit`. */
  readonly warnings: string[];
}

/** What to register and how each original command is reached. */
export interface CommandPlan {
  /** Exactly what to send to Discord for this scope; every payload passes `validateCommand`. */
  readonly register: RESTPostAPIApplicationCommandsJSONBody[];
  /** Route of every named input command, keyed by `routeKey` (the name for chat-input). */
  readonly routes: Record<RouteKey, Route>;
  readonly status: PlanStatus;
  /** Invalid inputs, excluded from `register`, with every broken rule. */
  readonly violations: { command: string; violations: Violation[] }[];
}
