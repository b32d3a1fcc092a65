import type { Command } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';

/** Marks a command piece that only dispatches to other commands (a folded category root). */
export const DISPATCHER = Symbol.for('zoryx.dispatcher');

/** A piece that routes an interaction to the original command it stands for. */
export interface Dispatcher {
  readonly [DISPATCHER]: true;
  /** The original command an interaction is meant for, or undefined for an unknown route. */
  targetFor(interaction: ChatInputCommandInteraction): Command | undefined;
}

/** True when `command` is a dispatcher (folded root). */
export function isDispatcher(command: unknown): command is Dispatcher {
  return typeof command === 'object' && command !== null && DISPATCHER in command;
}

/**
 * The command an invocation is really for: the original behind a folded root, else the command.
 * Preconditions use it so that permissions and cooldowns belong to the original command.
 */
export function commandTarget(command: Command, interaction?: unknown): Command | undefined {
  if (!isDispatcher(command)) return command;
  return interaction ? command.targetFor(interaction as ChatInputCommandInteraction) : undefined;
}
