import { type ApplicationCommandRegistry, Command } from '@sapphire/framework';
import type { PermissionResolvable } from 'discord.js';
import { type AccessLevel, isGuildOwnerOrBotOwner } from './access.js';
import { type ArgsOf, addOptions, type OptionsSpec, readArgs } from './command-options.js';
import { warningEmbed } from './embeds.js';
import { type CommandInteraction, respond } from './replies.js';

/** A built-in command: one definition gives slash, prefix and `@mention` invocations. */
export interface BuiltinCommandDefinition<O extends OptionsSpec = OptionsSpec> {
  /** Lowercase slash name (also the prefix name). */
  name: string;
  /** One line (1–100 characters), shown in Discord and in `help`. */
  description: string;
  /** Longer help for `help <command>`. */
  detail?: string;
  /** Typed options; `run` receives them as `args`. */
  options?: O;
  /** Who may run it (see {@link AccessLevel}). Default `everyone`. */
  access?: AccessLevel;
  /** Refuse in DMs. */
  guildOnly?: boolean;
  /** Planning hints for the slash limiter (category root, priority, never fold). */
  category?: string;
  priority?: number;
  pinned?: boolean;
  /**
   * Overrides the framework's default cooldown (3 per 5 s) for this command. Applied by the
   * framework's cooldown (bot owners exempt; a `commands.<name>.cooldown` in config wins).
   */
  cooldown?: { limit: number; seconds: number };
  /** Handles an invocation (slash, prefix or mention alike). */
  run(interaction: CommandInteraction, args: ArgsOf<O>): unknown;
}

/** The metadata of a built-in command, kept on its piece class for `help`. */
export interface BuiltinCommandMeta {
  readonly name: string;
  readonly description: string;
  readonly access: AccessLevel;
  readonly guildOnly: boolean;
  readonly detail: string | undefined;
  readonly usage: string;
}

/** An extension's command entry (`{ name, piece }`), as `defineExtension({ commands })` takes it. */
export interface BuiltinCommandEntry {
  readonly name: string;
  readonly piece: new (context: Command.LoaderContext, options?: Command.Options) => Command;
}

const META = Symbol.for('zoryx.builtins.command-meta');

/** The metadata of a command piece made by {@link defineCommand}, if it is one. */
export function commandMeta(command: Command): BuiltinCommandMeta | undefined {
  return pieceMeta(command.constructor);
}

/** The metadata of a command piece class made by {@link defineCommand}, if it is one. */
export function pieceMeta(piece: unknown): BuiltinCommandMeta | undefined {
  if (typeof piece !== 'function') return undefined;
  return (piece as { [META]?: BuiltinCommandMeta })[META];
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
 * Builds a Sapphire command piece from one definition. It only implements `chatInputRun` and
 * registration: the framework routes prefix (`!help`) and mention (`@Bot help`) invocations of
 * slash commands to `chatInputRun` itself (parsed and validated against the registered options,
 * also when the command was folded or became prefix-only), so one handler serves all three.
 * Access maps onto the framework's permission tiers: `owner` → owner-only, `admin` →
 * `requiredUserPermissions: Administrator`; `guild-owner` is checked here.
 *
 * @example
 * ```ts
 * const echo = defineCommand({
 *   name: 'echo', description: 'Repeats text',
 *   options: { text: { kind: 'string', description: 'What to say', required: true } },
 *   run: (interaction, { text }) => interaction.reply(text),
 * });
 * export default defineExtension({ name: 'demo', version: '1.0.0', commands: [echo] });
 * ```
 */
export function defineCommand<const O extends OptionsSpec = Record<never, never>>(
  definition: BuiltinCommandDefinition<O>,
): BuiltinCommandEntry {
  const access = definition.access ?? 'everyone';
  const options = (definition.options ?? {}) as O;
  const required: PermissionResolvable | undefined =
    access === 'admin' ? ['Administrator'] : undefined;
  const meta: BuiltinCommandMeta = {
    name: definition.name,
    description: definition.description,
    access,
    guildOnly: definition.guildOnly ?? false,
    detail: definition.detail,
    usage: usageOf(definition.name, options),
  };

  class BuiltinCommand extends Command {
    public static readonly [META] = meta;

    public constructor(context: Command.LoaderContext, base: Command.Options = {}) {
      super(context, {
        ...base,
        name: definition.name,
        description: definition.description,
        ...(definition.detail === undefined ? {} : { detailedDescription: definition.detail }),
        ...(required === undefined ? {} : { requiredUserPermissions: required }),
        ...(definition.cooldown
          ? {
              cooldownLimit: definition.cooldown.limit,
              cooldownDelay: definition.cooldown.seconds * 1000,
            }
          : {}),
        zoryx: {
          ownerOnly: access === 'owner',
          ...(definition.category === undefined ? {} : { category: definition.category }),
          ...(definition.priority === undefined ? {} : { priority: definition.priority }),
          ...(definition.pinned === undefined ? {} : { pinned: definition.pinned }),
        },
      } as Command.Options);
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
      if ((meta.guildOnly || access === 'guild-owner') && !interaction.inGuild()) {
        await respond(interaction, [warningEmbed('This command only works in a server.')], {
          ephemeral: true,
        });
        return undefined;
      }
      if (
        access === 'guild-owner' &&
        !isGuildOwnerOrBotOwner(interaction.client, interaction.user.id, interaction.guild)
      ) {
        await respond(
          interaction,
          [
            warningEmbed(
              `\`${definition.name}\` can only be used by the server owner or the bot owners.`,
              'Not allowed',
            ),
          ],
          { ephemeral: true },
        );
        return undefined;
      }
      return definition.run(interaction, readArgs(interaction, options));
    }
  }
  Object.defineProperty(BuiltinCommand, 'name', { value: `${definition.name}Command` });
  return { name: definition.name, piece: BuiltinCommand };
}
