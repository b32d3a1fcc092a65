import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ExtensionContext } from '@zoryx/loader';
import type {
  AnySelectMenuInteraction,
  ButtonInteraction,
  Interaction,
  ModalSubmitInteraction,
} from 'discord.js';
import { FrameworkError } from '../errors.js';
import { contextOf } from './extension-context.js';

/** The interaction each component kind receives. */
export interface ComponentInteractions {
  button: ButtonInteraction;
  select: AnySelectMenuInteraction;
  modal: ModalSubmitInteraction;
}

/** A kind of message component (or modal) an extension answers. */
export type ComponentKind = keyof ComponentInteractions;

/** A button, select menu or modal handler of an extension. */
export interface ComponentDefinition<K extends ComponentKind> {
  /**
   * The custom id it answers: exactly `id`, or `id:<data>` (the part after the first `:` is passed
   * to `run` as `data`). Use the entry's `customId(data)` to build ids. No `:` in `id` itself.
   */
  id: string;
  kind: K;
  /** Handles one interaction. `ctx` is the owning extension's context. */
  run(interaction: ComponentInteractions[K], data: string, ctx: ExtensionContext): unknown;
}

/** What {@link defineComponent} returns: an entry for `defineExtension({ components })`. */
export interface ComponentEntry {
  readonly name: string;
  readonly piece: new (
    context: InteractionHandler.LoaderContext,
    options?: InteractionHandler.Options,
  ) => InteractionHandler;
  /** The custom id to put on a button, select menu or modal, with optional data after `:`. */
  customId(data?: string): string;
}

const HANDLER_TYPE = {
  button: InteractionHandlerTypes.Button,
  select: InteractionHandlerTypes.SelectMenu,
  modal: InteractionHandlerTypes.ModalSubmit,
} as const;

/** Discord's limit on a component's custom id. */
const CUSTOM_ID_MAX = 100;

/**
 * Defines a button, select menu or modal handler owned by an extension (released on unload,
 * like its commands). Build the ids of the components you send with `entry.customId(data)`.
 *
 * @example
 * ```ts
 * const vote = defineComponent({
 *   id: 'poll-vote',
 *   kind: 'button',
 *   run: (interaction, choice) => interaction.reply({ content: `You voted ${choice}`, flags: 64 }),
 * });
 * // new ButtonBuilder().setCustomId(vote.customId('yes'))…
 * export default defineExtension({ name: 'poll', version: '1.0.0', components: [vote] });
 * ```
 */
export function defineComponent<K extends ComponentKind>(
  definition: ComponentDefinition<K>,
): ComponentEntry {
  const { id, kind } = definition;
  if (id.length === 0 || id.includes(':') || id.length > CUSTOM_ID_MAX) {
    throw new FrameworkError(
      'ZRX_COMPONENT_ID',
      `The component id "${id}" is invalid: it must be 1–${CUSTOM_ID_MAX} characters without ":".`,
      'Pick a short id such as "poll-vote"; pass per-message data with customId(data).',
    );
  }
  const prefix = `${id}:`;

  class DefinedComponent extends InteractionHandler {
    public constructor(context: InteractionHandler.LoaderContext, options = {}) {
      super(context, { ...options, interactionHandlerType: HANDLER_TYPE[kind] });
    }

    public override parse(interaction: Interaction) {
      const customId = 'customId' in interaction ? interaction.customId : undefined;
      if (customId === id) return this.some('');
      if (customId?.startsWith(prefix)) return this.some(customId.slice(prefix.length));
      return this.none();
    }

    public override async run(interaction: Interaction, data: string): Promise<unknown> {
      const ctx = contextOf(this);
      if (!ctx) {
        throw new FrameworkError(
          'ZRX_COMMAND_NO_EXTENSION',
          `The component "${id}" was loaded outside an extension, so it has no extension context.`,
          'List it in an extension: defineExtension({ name, version, components: [component] }).',
        );
      }
      return definition.run(interaction as ComponentInteractions[K], data, ctx);
    }
  }
  Object.defineProperty(DefinedComponent, 'name', { value: `${id}Component` });
  return {
    name: `component-${id}`,
    piece: DefinedComponent,
    customId(data?: string) {
      const full = data === undefined || data === '' ? id : `${prefix}${data}`;
      if (full.length > CUSTOM_ID_MAX) {
        throw new FrameworkError(
          'ZRX_COMPONENT_ID',
          `The custom id "${full.slice(0, 40)}…" is ${full.length} characters; Discord allows ${CUSTOM_ID_MAX}.`,
          'Keep the data short (an id or a key), and look the rest up in run().',
        );
      }
      return full;
    },
  };
}
