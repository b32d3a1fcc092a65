import type { APIEmbed } from 'discord-api-types/v10';

/** The parts of a bot message the terminal shows (an emulator `BotMessage` fits). */
export interface RenderableMessage {
  readonly content: string;
  readonly embeds: readonly APIEmbed[];
  /** Action rows or Components V2 layouts, as Discord's JSON. */
  readonly components: readonly unknown[];
  readonly ephemeral?: boolean;
  readonly edited?: boolean;
}

/** A button the user can click by typing `#<number>`. */
export interface ButtonAction {
  readonly kind: 'button';
  readonly number: number;
  readonly customId: string;
  readonly label: string;
  readonly disabled: boolean;
}

/** A select menu the user can pick in by typing `#<number> <value>`. */
export interface SelectAction {
  readonly kind: 'select';
  readonly number: number;
  readonly customId: string;
  readonly placeholder: string;
  /** String-select options (empty for user/role/channel selects). */
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly disabled: boolean;
}

/** A numbered interactive component of a rendered message. */
export type ComponentAction = ButtonAction | SelectAction;

/** The text of a message and its numbered components. */
export interface RenderedMessage {
  readonly text: string;
  readonly actions: readonly ComponentAction[];
}

interface RawComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  emoji?: { name?: string };
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  content?: string;
  options?: { value: string; label: string }[];
  components?: unknown[];
  accessory?: unknown;
}

/** Component types of Discord's API (kept local: a renderer needs no enum object). */
const BUTTON = 2;
const STRING_SELECT = 3;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const TEXT_DISPLAY = 10;

/** Discord timestamp markup `<t:1700000000:R>` as a readable UTC time (any style). */
function readableMarkup(text: string): string {
  return text.replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) => {
    const date = new Date(Number(seconds) * 1000);
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  });
}

function renderEmbed(embed: APIEmbed): string[] {
  const lines: string[] = [];
  const head = [embed.author?.name, embed.title].filter(Boolean).join(' · ');
  lines.push(`┌ ${head || 'embed'}`);
  const body = (text: string) => {
    for (const line of text.split('\n')) lines.push(`│ ${line}`);
  };
  if (embed.description) body(embed.description);
  for (const field of embed.fields ?? []) {
    body(`${field.name}: ${field.value.includes('\n') ? '' : field.value}`);
    if (field.value.includes('\n')) body(field.value.replace(/^/gm, '  '));
  }
  lines.push(`└${embed.footer?.text ? ` ${embed.footer.text}` : '─'}`);
  return lines;
}

/**
 * Renders a bot message as terminal text: the content, each embed as a box (author · title,
 * description, `name: value` fields, footer), Components V2 text, then the buttons and select
 * menus numbered from `firstNumber` (default 1) so the user can type `#2` or `#1 value`.
 * Timestamp markup (`<t:1700000000:R>`) becomes a UTC date and time.
 * Pure: the same message always gives the same text.
 *
 * @example
 * ```ts
 * const { text, actions } = renderMessage(await alice.slash(guild, 'help').reply());
 * console.log(text); // …  [1] ◀ Previous  [2] Next ▶
 * ```
 */
export function renderMessage(message: RenderableMessage, firstNumber = 1): RenderedMessage {
  const lines: string[] = [];
  if (message.content) lines.push(message.content);
  for (const embed of message.embeds) lines.push(...renderEmbed(embed));
  const actions: ComponentAction[] = [];
  const controls: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const c = node as RawComponent;
    const number = firstNumber + actions.length;
    if (c.type === TEXT_DISPLAY && c.content) lines.push(c.content);
    if (c.type === BUTTON) {
      const label = [c.emoji?.name, c.label].filter(Boolean).join(' ') || '(button)';
      const state = c.disabled ? ' (disabled)' : '';
      if (c.custom_id === undefined) {
        controls.push(`  [link] ${label}${c.url ? ` → ${c.url}` : ''}`);
      } else {
        actions.push({
          kind: 'button',
          number,
          customId: c.custom_id,
          label,
          disabled: c.disabled ?? false,
        });
        controls.push(`  [${number}] ${label}${state}`);
      }
    } else if (c.type !== undefined && SELECT_TYPES.has(c.type) && c.custom_id !== undefined) {
      const options = c.type === STRING_SELECT ? (c.options ?? []) : [];
      const placeholder = c.placeholder ?? 'choose';
      actions.push({
        kind: 'select',
        number,
        customId: c.custom_id,
        placeholder,
        options: options.map((o) => ({ value: o.value, label: o.label })),
        disabled: c.disabled ?? false,
      });
      const choices =
        options.length > 0
          ? options.map((o) => (o.label === o.value ? o.value : `${o.value} (${o.label})`))
          : ['a user, role or channel id'];
      controls.push(
        `  [${number}] ▾ ${placeholder}${c.disabled ? ' (disabled)' : ''}: ${choices.join(' | ')}`,
      );
    }
    for (const child of c.components ?? []) visit(child);
    visit(c.accessory);
  };
  for (const component of message.components) visit(component);
  lines.push(...controls);
  if (lines.length === 0) lines.push('(empty message)');
  for (let i = 0; i < lines.length; i++) lines[i] = readableMarkup(lines[i]!);
  const tags = [message.ephemeral ? 'only you can see this' : '', message.edited ? 'edited' : '']
    .filter(Boolean)
    .map((tag) => `(${tag})`);
  if (tags.length > 0) lines[0] = `${lines[0]} ${tags.join(' ')}`;
  return { text: lines.join('\n'), actions };
}
