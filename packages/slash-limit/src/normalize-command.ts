import { isRecord } from './is-record.js';

/** Fields Discord adds to responses, and our planning hints: never part of a comparison. */
const IGNORED = new Set([
  'id',
  'application_id',
  'version',
  'guild_id',
  'category',
  'priority',
  'pinned',
]);

/** Fields whose default may be sent or omitted with the same meaning, by default value. */
const COMMAND_DEFAULTS: Readonly<Record<string, unknown>> = {
  type: 1,
  description: '',
  dm_permission: true,
  default_permission: true,
  nsfw: false,
};
const OPTION_DEFAULTS: Readonly<Record<string, unknown>> = {
  required: false,
  autocomplete: false,
};

/** Arrays Discord treats as sets; sorted so their order does not count. */
const SETS = new Set(['contexts', 'integration_types', 'channel_types']);

/**
 * A canonical form of a command for comparison and hashing: response-only fields (`id`,
 * `version`, `application_id`, `*_localized`…) and planning hints removed, `null` treated as
 * absent, defaults (`type: 1`, `required: false`, `dm_permission: true`, `nsfw: false`…) removed,
 * empty arrays and localisation maps removed, set-like arrays sorted, permissions as strings.
 * Option and choice order is kept: Discord shows them in the order given.
 */
export function normalizeCommand(cmd: unknown): Record<string, unknown> {
  return normalizeNode(cmd, COMMAND_DEFAULTS);
}

function normalizeNode(
  node: unknown,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  if (!isRecord(node)) return out;
  for (const [key, raw] of Object.entries(node)) {
    if (raw === null || raw === undefined || IGNORED.has(key) || key.endsWith('_localized')) {
      continue;
    }
    if (key in defaults && defaults[key] === raw) continue;
    let value: unknown = raw;
    if (key === 'options' && Array.isArray(raw)) {
      value = raw.map((option) => normalizeNode(option, OPTION_DEFAULTS));
    } else if (key === 'choices' && Array.isArray(raw)) {
      value = raw.map((choice) => normalizeNode(choice, {}));
    } else if (key.endsWith('_localizations') && isRecord(raw)) {
      const entries = Object.entries(raw).filter(([, text]) => text !== null && text !== undefined);
      value = Object.fromEntries(entries);
    } else if (SETS.has(key) && Array.isArray(raw)) {
      value = [...raw].sort();
    } else if (key === 'default_member_permissions') {
      value = String(raw);
    }
    if (Array.isArray(value) && value.length === 0) continue;
    if (isRecord(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}
