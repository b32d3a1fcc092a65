import {
  defineCommand,
  defineComponent,
  type ExtensionContext,
  isBotOwner,
} from '@zoryx/framework';
import type { AnySelectMenuInteraction, ButtonInteraction } from 'discord.js';
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { NO_PINGS, runtimeFor } from './context.js';
import { SHARDS_PER_PAGE, shardPageEmbed } from './embeds.js';
import type { ClusterRuntime } from './runtime.js';
import { answerError } from './shard-commands.js';

/** Answers a non-owner's click privately and says so; the view is owner only, like its command. */
async function refusedToNonOwner(
  interaction: ButtonInteraction | AnySelectMenuInteraction,
  ctx: ExtensionContext,
): Promise<boolean> {
  if (isBotOwner(ctx.client, interaction.user.id)) return false;
  await interaction.reply({
    content: 'Only a bot owner can use this view.',
    flags: 64,
    allowedMentions: NO_PINGS,
  });
  return true;
}

/** The view's buttons and page select: `shardmonitor:<page>` (the page to show). */
export const shardMonitorPage = defineComponent({
  id: 'shardmonitor',
  kind: 'button',
  async run(interaction, data, ctx) {
    if (await refusedToNonOwner(interaction, ctx)) return;
    await interaction.update(await view(runtimeFor(ctx), Number(data.split(':')[0]) || 0));
  },
});

/** The page select of the view (values are page numbers). */
export const shardMonitorSelect = defineComponent({
  id: 'shardmonitor-page',
  kind: 'select',
  async run(interaction, _data, ctx) {
    if (await refusedToNonOwner(interaction, ctx)) return;
    await interaction.update(await view(runtimeFor(ctx), Number(interaction.values[0]) || 0));
  },
});

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The message of the view at `page`: embed, ◀ ⟳ ▶ buttons, and a page select when paged. */
export async function view(runtime: ClusterRuntime, page: number) {
  const { rows, errors } = await runtime.shards();
  const pages = Math.max(1, Math.ceil(rows.length / SHARDS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const button = (label: string, target: number, disabled: boolean, suffix: string) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    // A suffix keeps the three custom ids distinct (Discord refuses duplicates in one message).
    custom_id: `${shardMonitorPage.customId(String(target))}:${suffix}`,
    disabled,
  });
  const components: Row[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        button('◀ Previous', current - 1, current === 0, 'p'),
        button('⟳ Refresh', current, false, 'r'),
        button('Next ▶', current + 1, current >= pages - 1, 'n'),
      ],
    },
  ];
  if (pages > 1) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: shardMonitorSelect.customId(),
          placeholder: 'Jump to a page',
          options: Array.from({ length: Math.min(pages, 25) }, (_, i) => ({
            label: `Page ${i + 1}`,
            description: `Shards ${rows[i * SHARDS_PER_PAGE]?.metrics.shardId ?? ''}…`,
            value: String(i),
            default: i === current,
          })),
        },
      ],
    });
  }
  return {
    embeds: [shardPageEmbed(rows, errors, current, runtime.mode)],
    components,
    allowedMentions: NO_PINGS,
  };
}

/** `shardmonitor`: the interactive shard view (page, refresh). */
export const shardmonitor = defineCommand({
  name: 'shardmonitor',
  description: 'Interactive shard view: page through the shards and refresh',
  access: 'owner',
  category: 'cluster',
  async run(interaction, _args, ctx) {
    try {
      await interaction.reply(await view(runtimeFor(ctx), 0));
    } catch (error) {
      await answerError(interaction, error);
    }
  },
});
