import type { CommandInteraction, ExtensionContext } from '@zoryx/framework';
import {
  type ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInActionRow,
  type EmbedBuilder,
  type InteractionCallbackResponse,
  InteractionCollector,
  type Message,
  type MessageActionRowComponentBuilder,
  type MessageComponentInteraction,
  MessageFlags,
} from 'discord.js';
import { warningEmbed } from './embeds.js';
import { botLogger, isMessage, replyError } from './replies.js';

/** One row of buttons or a select menu. */
export type ViewRow = ActionRowBuilder<MessageActionRowComponentBuilder>;

/** What a view shows at one moment. */
export interface ViewFrame {
  embeds: readonly EmbedBuilder[];
  components: readonly ViewRow[];
}

/** Default time a view stays usable after its last use: 180 s (Discord's tokens last 15 min). */
export const DEFAULT_VIEW_TIMEOUT_MS = 180_000;

/** Options every interactive view takes. */
export interface ViewOptions {
  /**
   * Idle time after which the controls are disabled, in ms (default 180 s; the built-ins use
   * 180–300 s). Every use by the invoker restarts it.
   */
  timeoutMs?: number;
  /** What others see (ephemerally) when they click. Default: `Only <@invoker> can use these controls.` */
  refusal?: string;
  /** Slash only: show the view to the invoker alone. */
  ephemeral?: boolean;
  /** Ends the view early when aborted (e.g. an extension's `ctx.signal`, aborted on unload). */
  signal?: AbortSignal;
  /**
   * Where a failing control is logged (with its error id): pass the extension's `ctx.logger`.
   * Default: the bot's logger.
   */
  logger?: Pick<ExtensionContext['logger'], 'error' | 'warn' | 'debug'>;
}

/**
 * Handles the invoker's click or pick: return the next frame (the message is updated with it),
 * or `'handled'` when the handler answered the component interaction itself.
 */
export type ComponentHandler = (
  component: MessageComponentInteraction,
) => Promise<ViewFrame | 'handled'>;

/** A running view. */
export interface ViewHandle {
  /** The message the view lives on. */
  readonly message: Message;
  /** Resolves once the view has timed out (or was stopped) and its controls are disabled. */
  readonly ended: Promise<void>;
  /** Ends the view now (controls disabled). */
  stop(): void;
}

/**
 * Sends `first` as the answer to `interaction` and keeps its components alive: clicks and picks
 * by the invoker go to `handle`; anyone else gets an ephemeral refusal and changes nothing. After
 * `timeoutMs` without use the view ends and its components are shown disabled. A handler that
 * throws is reported with an error id and the view keeps running.
 * Works for slash and for prefix/`@mention` invocations alike.
 */
export async function runView(
  interaction: CommandInteraction,
  first: ViewFrame,
  handle: ComponentHandler,
  options: ViewOptions = {},
): Promise<ViewHandle> {
  const invokerId = interaction.user.id;
  // The collector exists before the reply is sent, so a click that arrives before the reply's
  // HTTP answer has been processed is not lost. It recognises the view's message by what Discord
  // puts on it: the interaction it answers (slash), or the message it replies to (prefix).
  const invokingMessageId = (interaction as unknown as { message?: { id?: string } }).message?.id;
  let messageId: string | undefined;
  const belongs = (component: MessageComponentInteraction): boolean => {
    const { message } = component;
    if (messageId !== undefined && message.id === messageId) return true;
    if (message.interactionMetadata?.id === interaction.id) return true;
    return invokingMessageId !== undefined && message.reference?.messageId === invokingMessageId;
  };
  const collector = new InteractionCollector(interaction.client, {
    idle: options.timeoutMs ?? DEFAULT_VIEW_TIMEOUT_MS,
    filter: (component) => component.isMessageComponent() && belongs(component),
  });
  if (options.signal) {
    if (options.signal.aborted) collector.stop('aborted');
    else options.signal.addEventListener('abort', () => collector.stop('aborted'), { once: true });
  }
  let current = first;
  collector.on('collect', async (interactionIn) => {
    const component = interactionIn as MessageComponentInteraction;
    if (component.user.id !== invokerId) {
      const refusal = options.refusal ?? `Only <@${invokerId}> can use these controls.`;
      await component
        .reply({ embeds: [warningEmbed(refusal, 'Not your menu')], flags: MessageFlags.Ephemeral })
        .catch(() => undefined);
      return;
    }
    try {
      const next = await handle(component);
      if (next === 'handled') return;
      current = next;
      await component.update({ embeds: [...next.embeds], components: [...next.components] });
    } catch (error) {
      await replyError(component, 'That control failed.', {
        error,
        ...(options.logger ? { logger: options.logger } : {}),
      });
    }
  });
  const ended = new Promise<void>((done) => {
    collector.once('end', async () => {
      try {
        await interaction.editReply({
          embeds: [...current.embeds],
          components: disabledRows(current.components),
        });
      } catch (error) {
        (options.logger ?? botLogger(interaction.client))?.debug(
          { err: error },
          'could not disable the controls of a timed-out view',
        );
      }
      done();
    });
  });
  let sent: unknown;
  try {
    sent = await interaction.reply({
      embeds: [...first.embeds],
      components: [...first.components],
      allowedMentions: { parse: [], repliedUser: false },
      withResponse: true,
      ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  } catch (error) {
    collector.stop('failed');
    throw error;
  }
  const message = isMessage(sent)
    ? sent
    : ((sent as InteractionCallbackResponse).resource?.message ??
      ((await interaction.fetchReply()) as Message));
  messageId = message.id;
  return { message, ended, stop: () => collector.stop('stopped') };
}

/** The rows as JSON with every component disabled (what a timed-out view shows). */
export function disabledRows(
  rows: readonly ViewRow[],
): APIActionRowComponent<APIComponentInActionRow>[] {
  return rows.map((row) => {
    const json = row.toJSON();
    return {
      ...json,
      components: json.components.map((component) => ({ ...component, disabled: true })),
    } as APIActionRowComponent<APIComponentInActionRow>;
  });
}

/**
 * The view options of an extension's commands: the idle timeout, ending when the extension
 * unloads (`ctx.signal`), failures logged through its logger.
 */
export function extensionViewOptions(
  ctx: Pick<ExtensionContext, 'signal' | 'logger'>,
  timeoutMs: number = DEFAULT_VIEW_TIMEOUT_MS,
): ViewOptions {
  return { timeoutMs, signal: ctx.signal, logger: ctx.logger };
}
