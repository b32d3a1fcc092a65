import type { APIEmbed } from 'discord-api-types/v10';
import { badRequest, invalidFormBody } from '../rest/discord-error.js';
import { ErrorCollector } from '../rest/validation-errors.js';

/** The message fields a bot may send (create or edit). */
export interface MessageInput {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: unknown[] | null;
  flags?: number | null;
  sticker_ids?: string[];
  attachments?: unknown[];
  poll?: unknown;
}

const EMBED_LIMITS: [keyof APIEmbed | 'footer.text' | 'author.name', number][] = [
  ['title', 256],
  ['description', 4096],
  ['footer.text', 2048],
  ['author.name', 256],
];

/** The IS_COMPONENTS_V2 message flag: content and embeds are not allowed with it. */
const COMPONENTS_V2 = 1 << 15;

function field(embed: APIEmbed, path: string): string | undefined {
  const [head, tail] = path.split('.') as [keyof APIEmbed, string | undefined];
  const value = embed[head];
  if (tail === undefined) return typeof value === 'string' ? value : undefined;
  const nested = value as Record<string, unknown> | undefined;
  return typeof nested?.[tail] === 'string' ? (nested[tail] as string) : undefined;
}

/** Characters counted toward Discord's 6,000-per-message embed total. */
function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  size += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const item of embed.fields ?? []) size += item.name.length + item.value.length;
  return size;
}

/**
 * Enforces Discord's message rules with Discord's answers: content ≤ 2,000 characters, ≤ 10
 * embeds with their per-field limits and 6,000 characters in total, ≤ 5 action rows of ≤ 5
 * components, and no empty messages (50006) when `creating`.
 */
export function validateMessage(input: MessageInput, creating: boolean, fileCount = 0): void {
  const errors = new ErrorCollector();
  if (typeof input.content === 'string' && input.content.length > 2000) {
    errors.add(['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const embeds = input.embeds ?? [];
  if (embeds.length > 10) {
    errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  }
  let total = 0;
  embeds.forEach((embed, index) => {
    total += embedSize(embed);
    for (const [path, max] of EMBED_LIMITS) {
      const value = field(embed, path);
      if (value !== undefined && value.length > max) {
        errors.add(
          ['embeds', index, ...path.split('.')],
          'BASE_TYPE_MAX_LENGTH',
          `Must be ${max} or fewer in length.`,
        );
      }
    }
    const fields = embed.fields ?? [];
    if (fields.length > 25) {
      errors.add(
        ['embeds', index, 'fields'],
        'BASE_TYPE_MAX_LENGTH',
        'Must be 25 or fewer in length.',
      );
    }
    fields.forEach((item, position) => {
      for (const [key, max] of [
        ['name', 256],
        ['value', 1024],
      ] as const) {
        const value = item[key];
        if (typeof value !== 'string' || value.length === 0) {
          errors.add(
            ['embeds', index, 'fields', position, key],
            'BASE_TYPE_REQUIRED',
            'This field is required',
          );
        } else if (value.length > max) {
          errors.add(
            ['embeds', index, 'fields', position, key],
            'BASE_TYPE_MAX_LENGTH',
            `Must be ${max} or fewer in length.`,
          );
        }
      }
    });
  });
  if (total > 6000) {
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  const v2 = ((input.flags ?? 0) & COMPONENTS_V2) !== 0;
  const components = input.components ?? [];
  if (!v2) {
    if (components.length > 5) {
      errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    }
    components.forEach((row, index) => {
      const children = (row as { components?: unknown[] }).components ?? [];
      if (children.length > 5) {
        errors.add(
          ['components', index, 'components'],
          'BASE_TYPE_MAX_LENGTH',
          'Must be 5 or fewer in length.',
        );
      }
    });
  } else if (input.content || embeds.length > 0) {
    errors.add(
      ['content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  if (errors.hasErrors) throw invalidFormBody(errors.errors);
  const empty =
    !input.content &&
    embeds.length === 0 &&
    components.length === 0 &&
    (input.sticker_ids ?? []).length === 0 &&
    fileCount === 0 &&
    input.poll === undefined;
  if (creating && empty) throw badRequest(50006, 'Cannot send an empty message');
}
