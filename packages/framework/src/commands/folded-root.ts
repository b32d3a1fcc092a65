import { type ChatInputCommand, Command, Events } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { DISPATCHER, type Dispatcher } from './command-target.js';

/** Where a folded command sits under its root: `/root sub`, `/root group sub`, or `/root group *`. */
export interface FoldedEntry {
  group?: string;
  /** Absent when the original command (which has its own subcommands) became a whole group. */
  subcommand?: string;
  /** Name of the original command piece. */
  command: string;
}

/** A command piece class as a store constructs it. */
export type PieceClass = new (context: Command.LoaderContext, options?: Command.Options) => Command;

/** Piece name of the root for `/name` (kept apart from command names; `name` is its alias). */
export function rootPieceName(root: string): string {
  return `zoryx-root:${root}`;
}

/**
 * Builds the command piece class of a category root such as `/mod` whose subcommands stand for
 * original commands (`/mod ban` → the `ban` command). The root only dispatches: Sapphire's global
 * preconditions see the original through `targetFor`, the original's own preconditions run here,
 * then its `chatInputRun` gets the very interaction (discord.js hoists subcommand options, so
 * `interaction.options.getUser('user')` works unchanged).
 *
 * Hand-written instead of `@sapphire/plugin-subcommands`: that plugin maps subcommands to methods
 * of one class fixed at construction; ours route to other pieces that hot-reload independently,
 * and must run those pieces' preconditions and report success/errors under their names.
 */
export function createFoldedRootCommand(root: string, entries: readonly FoldedEntry[]): PieceClass {
  const routes = new Map<string, string>();
  for (const entry of entries) {
    routes.set(`${entry.group ?? ''}/${entry.subcommand ?? '*'}`, entry.command);
  }
  return class FoldedRootCommand extends Command implements Dispatcher {
    public readonly [DISPATCHER] = true as const;

    public constructor(context: Command.LoaderContext, options: Command.Options = {}) {
      super(context, {
        ...options,
        name: rootPieceName(root),
        aliases: [root],
        description: `Category /${root}`,
      });
    }

    public targetFor(interaction: ChatInputCommandInteraction): Command | undefined {
      const group = interaction.options.getSubcommandGroup(false) ?? '';
      const sub = interaction.options.getSubcommand(false) ?? '*';
      const name = routes.get(`${group}/${sub}`) ?? routes.get(`${group}/*`);
      return name === undefined ? undefined : this.store.get(name);
    }

    public override async chatInputRun(
      interaction: ChatInputCommandInteraction,
      context: ChatInputCommand.RunContext,
    ): Promise<unknown> {
      const target = this.targetFor(interaction) as ChatInputCommand | undefined;
      if (!target?.chatInputRun) {
        this.container.client.emit(Events.UnknownChatInputCommand, { interaction, context });
        return undefined;
      }
      const payload = { command: target, interaction, context };
      const local = await target.preconditions.chatInputRun(interaction, target, payload);
      if (local.isErr()) {
        this.container.client.emit(Events.ChatInputCommandDenied, local.unwrapErr(), payload);
        return undefined;
      }
      return target.chatInputRun(interaction, { ...context, commandName: target.name });
    }
  };
}
