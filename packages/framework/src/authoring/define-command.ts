import { type ApplicationCommandRegistry, Command } from '@sapphire/framework';
import type { ExtensionContext } from '@zoryx/loader';
import {
  type ChatInputCommandInteraction,
  MessageFlags,
  type PermissionResolvable,
} from 'discord.js';
import { FrameworkError } from '../errors.js';
import { replyEmbed } from '../listeners/replies.js';
import { type AccessLevel, isGuildOwnerOrBotOwner } from './access.js';
import { type ArgsOf, addOptions, type OptionsSpec, readArgs } from './command-options.js';
import { contextOf } from './extension-context.js';

/**
 * What a command answers: a slash interaction, or the framework's message-backed stand-in for
 * prefix (`!greet`) and `@mention` invocations, which has the same methods (`ephemeral` is
 * ignored there).
 */
export type CommandInteraction = ChatInputCommandInteraction;

/** One command: slash, prefix and `@mention` invocations all run the same `run`. */
export interface CommandDefinition<O extends OptionsSpec = OptionsSpec> {
  /** Lowercase slash name (also the prefix name). */
  name: string;
  /** One line (1–100 characters), shown in Discord and in `help`. */
  description: string;
  /** Longer help for `help <command>`. */
  detail?: string;
  /** Typed options; `run` receives their values as `args`. */
  options?: O;
  /** Who may run it (see {@link AccessLevel}). Default `everyone`. */
  access?: AccessLevel;
  /** Discord permissions the invoker needs besides `access` (e.g. `['BanMembers']`). */
  permissions?: readonly PermissionResolvable[];
  /** Refuse in DMs. */
  guildOnly?: boolean;
  /** Planning hint for the slash limiter: the root this command folds under when space runs out. */
  category?: string;
  /** Planning hint: higher stays a top-level slash command longer. */
  priority?: number;
  /** Planning hint: never folded. */
  pinned?: boolean;
  /**
   * Overrides the default cooldown (3 uses per 5 s) for this command: `{ limit: 0 }` turns it
   * off. Bot owners are exempt; a `commands.<name>.cooldown` in config wins.
   */
  cooldown?: { limit: number; seconds: number };
  /**
   * Handles an invocation (slash, prefix or mention alike). `ctx` is the context of the extension
   * the command belongs to: its config, logger, store, hooks, `ctx.extensions`, `ctx.client`.
   */
  run(interaction: CommandInteraction, args: ArgsOf<O>, ctx: ExtensionContext): unknown;
}

/** What `help` shows of a command made with {@link defineCommand}. */
export interface CommandMeta {
  readonly name: string;
  readonly description: string;
  readonly access: AccessLevel;
  readonly guildOnly: boolean;
  readonly detail: string | undefined;
  readonly usage: string;
}

/** A command entry for `defineExtension({ commands })`: its name and its Sapphire piece class. */
export interface CommandEntry {
  readonly name: string;
  readonly piece: new (context: Command.LoaderContext, options?: Command.Options) => Command;
}

const META = Symbol.for('zoryx.command-meta');

/** The metadata of a command piece made by {@link defineCommand}, if it is one. */
export function commandMeta(command: Command): CommandMeta | undefined {
  return pieceMeta(command.constructor);
}

/** The metadata of a command piece class made by {@link defineCommand}, if it is one. */
export function pieceMeta(piece: unknown): CommandMeta | undefined {
  if (typeof piece !== 'function') return undefined;
  return (piece as { [META]?: CommandMeta })[META];
}

/** `name <required> [optional]` for a definition's options. */
export function usageOf(name: string, options: OptionsSpec = {}): string {
  const parts = Object.entries(options)
    .sort(([, a], [, b]) => Number(b.required ?? false) - Number(a.required ?? false))
    .map(([option, spec]) => {
      const shown = spec.choices ? spec.choices.join('|') : option;
      return spec.required ? `<${shown}>` : `[${shown}]`;
    });
  return [name, ...parts].join(' ');
}

/**
 * Defines a command of an extension. One definition answers `/name`, `!name` and `@Bot name`:
 * the framework parses prefix and mention invocations against the registered options (also when
 * the command was folded under a category or became prefix-only) and calls the same `run`.
 * `access` maps onto the permission tiers (`owner` → owner-only, `admin` → Administrator,
 * `guild-owner` → the guild's owner or a bot owner).
 *
 * @example
 * ```ts
 * const greet = defineCommand({
 *   name: 'greet',
 *   description: 'Greets someone',
 *   options: { who: { kind: 'user', description: 'Who to greet', required: true } },
 *   run: (interaction, { who }, ctx) =>
 *     interaction.reply(ctx.extensions.get('greeter')?.greeting(who.username) ?? 'hi'),
 * });
 * export default defineExtension({ name: 'greeter', version: '1.0.0', commands: [greet] });
 * ```
 */
export function defineCommand<const O extends OptionsSpec = Record<never, never>>(
  definition: CommandDefinition<O>,
): CommandEntry {
  const access = definition.access ?? 'everyone';
  const options = (definition.options ?? {}) as O;
  const permissions: PermissionResolvable[] = [
    ...(access === 'admin' ? ['Administrator' as const] : []),
    ...(definition.permissions ?? []),
  ];
  const meta: CommandMeta = {
    name: definition.name,
    description: definition.description,
    access,
    guildOnly: definition.guildOnly ?? false,
    detail: definition.detail,
    usage: usageOf(definition.name, options),
  };
  const base: Command.Options = {
    name: definition.name,
    description: definition.description,
    ...(definition.detail === undefined ? {} : { detailedDescription: definition.detail }),
    ...(permissions.length === 0 ? {} : { requiredUserPermissions: permissions }),
    ...(definition.cooldown
      ? {
          cooldownLimit: definition.cooldown.limit,
          cooldownDelay: definition.cooldown.seconds * 1000,
        }
      : {}),
  };
  const hints = {
    ownerOnly: access === 'owner',
    ...(definition.category === undefined ? {} : { category: definition.category }),
    ...(definition.priority === undefined ? {} : { priority: definition.priority }),
    ...(definition.pinned === undefined ? {} : { pinned: definition.pinned }),
  };

  class DefinedCommand extends Command {
    public static readonly [META] = meta;

    public constructor(context: Command.LoaderContext, given: Command.Options = {}) {
      super(context, { ...given, ...base, zoryx: hints } as Command.Options);
    }

    public override registerApplicationCommands(registry: ApplicationCommandRegistry): void {
      registry.registerChatInputCommand((builder) =>
        addOptions(
          builder.setName(definition.name).setDescription(definition.description),
          options,
        ),
      );
    }

    public override async chatInputRun(interaction: CommandInteraction): Promise<unknown> {
      const ctx = contextOf(this);
      if (!ctx) {
        throw new FrameworkError(
          'ZRX_COMMAND_NO_EXTENSION',
          `The command "${definition.name}" was loaded outside an extension, so it has no extension context.`,
          'List it in an extension: defineExtension({ name, version, commands: [command] }).',
        );
      }
      if ((meta.guildOnly || access === 'guild-owner') && !interaction.inGuild()) {
        return refuse(interaction, 'This command only works in a server.', 'Server only');
      }
      if (
        access === 'guild-owner' &&
        !isGuildOwnerOrBotOwner(interaction.client, interaction.user.id, interaction.guild)
      ) {
        return refuse(
          interaction,
          `\`${definition.name}\` can only be used by the server owner or the bot owners.`,
          'Not allowed',
        );
      }
      return definition.run(interaction, readArgs(interaction, options), ctx);
    }
  }
  Object.defineProperty(DefinedCommand, 'name', { value: `${definition.name}Command` });
  return { name: definition.name, piece: DefinedCommand };
}

async function refuse(interaction: CommandInteraction, text: string, title: string) {
  await interaction.reply({
    embeds: [replyEmbed('warning', text, title)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
  return undefined;
}
