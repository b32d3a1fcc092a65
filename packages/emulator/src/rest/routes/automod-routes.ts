import {
  AutoModerationActionType as Action,
  type APIAutoModerationAction,
  type APIAutoModerationRule,
  type APIAutoModerationRuleTriggerMetadata,
  AutoModerationRuleEventType as EventType,
  PermissionFlagsBits as P,
  AutoModerationRuleTriggerType as Trigger,
} from 'discord-api-types/v10';
import type { GuildRecord } from '../../state/records.js';
import { autoModRules, deleteAutoModRule, saveAutoModRule } from '../../world/automod.js';
import type { World } from '../../world/world.js';
import { DiscordApiError, invalidFormBody } from '../discord-error.js';
import type { Router } from '../router.js';
import { ErrorCollector } from '../validation-errors.js';

const BASE = '/guilds/:guild_id/auto-moderation/rules';

/** Rules of one trigger type a guild may have (Discord's limits). */
const PER_GUILD: Readonly<Record<number, number>> = {
  [Trigger.Keyword]: 6,
  [Trigger.Spam]: 1,
  [Trigger.KeywordPreset]: 1,
  [Trigger.MentionSpam]: 1,
  [Trigger.MemberProfile]: 1,
};
const MAX_TIMEOUT_SECONDS = 2_419_200;

type Body = Record<string, unknown>;

function record(value: unknown): Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

function strings(
  errors: ErrorCollector,
  value: unknown,
  path: string[],
  max: number,
  maxLength: number,
): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_BAD_ARRAY', 'Must be an array.');
    return undefined;
  }
  if (value.length > max)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return value.map((item, index) => {
    const text = typeof item === 'string' ? item : '';
    if (typeof item !== 'string')
      errors.add([...path, String(index)], 'BASE_TYPE_STRING', 'Must be a string.');
    else if (text.length === 0 || text.length > maxLength) {
      errors.add(
        [...path, String(index)],
        'BASE_TYPE_BAD_LENGTH',
        `Must be between 1 and ${maxLength} in length.`,
      );
    }
    return text;
  });
}

function metadataOf(
  errors: ErrorCollector,
  trigger: number,
  value: unknown,
): APIAutoModerationRuleTriggerMetadata {
  const raw = record(value);
  const meta: APIAutoModerationRuleTriggerMetadata = {};
  const keywords = strings(
    errors,
    raw.keyword_filter,
    ['trigger_metadata', 'keyword_filter'],
    1000,
    60,
  );
  const regexes = strings(
    errors,
    raw.regex_patterns,
    ['trigger_metadata', 'regex_patterns'],
    10,
    260,
  );
  const allow = strings(
    errors,
    raw.allow_list,
    ['trigger_metadata', 'allow_list'],
    trigger === Trigger.KeywordPreset ? 1000 : 100,
    60,
  );
  if (keywords) meta.keyword_filter = keywords;
  if (regexes) {
    for (const [index, source] of regexes.entries()) {
      try {
        new RegExp(source, 'u');
      } catch {
        errors.add(
          ['trigger_metadata', 'regex_patterns', String(index)],
          'AUTO_MODERATION_INVALID_REGEX',
          'Invalid regex pattern.',
        );
      }
    }
    meta.regex_patterns = regexes;
  }
  if (allow) meta.allow_list = allow;
  if (Array.isArray(raw.presets))
    meta.presets = raw.presets.filter((p): p is 1 | 2 | 3 => p === 1 || p === 2 || p === 3);
  if (raw.mention_total_limit !== undefined) {
    const limit = raw.mention_total_limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 50) {
      errors.add(
        ['trigger_metadata', 'mention_total_limit'],
        'NUMBER_TYPE_MAX',
        'Must be between 0 and 50.',
      );
    } else meta.mention_total_limit = limit;
  }
  if (typeof raw.mention_raid_protection_enabled === 'boolean')
    meta.mention_raid_protection_enabled = raw.mention_raid_protection_enabled;
  if (trigger === Trigger.Keyword && !keywords?.length && !regexes?.length) {
    errors.add(
      ['trigger_metadata'],
      'AUTO_MODERATION_TRIGGER_METADATA_REQUIRED',
      'A keyword rule needs keyword_filter or regex_patterns.',
    );
  }
  if (trigger === Trigger.MentionSpam && meta.mention_total_limit === undefined) {
    errors.add(
      ['trigger_metadata', 'mention_total_limit'],
      'BASE_TYPE_REQUIRED',
      'This field is required',
    );
  }
  return meta;
}

function actionsOf(
  errors: ErrorCollector,
  world: World,
  guild: GuildRecord,
  trigger: number,
  value: unknown,
): APIAutoModerationAction[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.add(['actions'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return [];
  }
  return value.map((item, index): APIAutoModerationAction => {
    const raw = record(item);
    const metadata = record(raw.metadata);
    const path = ['actions', String(index)];
    switch (raw.type) {
      case Action.BlockMessage: {
        const message = metadata.custom_message;
        if (message !== undefined && (typeof message !== 'string' || message.length > 150)) {
          errors.add(
            [...path, 'metadata', 'custom_message'],
            'BASE_TYPE_MAX_LENGTH',
            'Must be 150 or fewer in length.',
          );
        }
        return {
          type: Action.BlockMessage,
          metadata: typeof message === 'string' ? { custom_message: message } : {},
        };
      }
      case Action.SendAlertMessage: {
        const channelId = typeof metadata.channel_id === 'string' ? metadata.channel_id : '';
        const channel = world.records.channels.get(channelId);
        if (!channel || channel.guild_id !== guild.id)
          errors.add([...path, 'metadata', 'channel_id'], 'CHANNEL_INVALID', 'Unknown channel.');
        return { type: Action.SendAlertMessage, metadata: { channel_id: channelId } };
      }
      case Action.Timeout: {
        const seconds = metadata.duration_seconds;
        if (
          typeof seconds !== 'number' ||
          !Number.isInteger(seconds) ||
          seconds < 0 ||
          seconds > MAX_TIMEOUT_SECONDS
        ) {
          errors.add(
            [...path, 'metadata', 'duration_seconds'],
            'NUMBER_TYPE_MAX',
            `Must be between 0 and ${MAX_TIMEOUT_SECONDS}.`,
          );
        }
        if (trigger !== Trigger.Keyword && trigger !== Trigger.MentionSpam) {
          errors.add(
            [...path, 'type'],
            'AUTO_MODERATION_ACTION_INVALID',
            'Timeout is only allowed for keyword and mention spam rules.',
          );
        }
        return {
          type: Action.Timeout,
          metadata: { duration_seconds: typeof seconds === 'number' ? seconds : 0 },
        };
      }
      case Action.BlockMemberInteraction:
        return { type: Action.BlockMemberInteraction };
      default:
        errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
        return { type: Action.BlockMessage };
    }
  });
}

function ids(errors: ErrorCollector, value: unknown, field: string, max: number): string[] {
  const list = strings(errors, value ?? [], [field], max, 20) ?? [];
  return list;
}

/** Validates a create (no `existing`) or a modify; throws 50035 with Discord's field errors. */
function ruleFrom(
  world: World,
  guild: GuildRecord,
  body: Body,
  existing: APIAutoModerationRule | undefined,
): APIAutoModerationRule {
  const errors = new ErrorCollector();
  const name = body.name ?? existing?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100)
    errors.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  const eventType = body.event_type ?? existing?.event_type;
  if (eventType !== EventType.MessageSend && eventType !== EventType.MemberUpdate)
    errors.add(['event_type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
  const trigger = existing ? existing.trigger_type : body.trigger_type;
  if (existing && body.trigger_type !== undefined && body.trigger_type !== existing.trigger_type) {
    errors.add(
      ['trigger_type'],
      'AUTO_MODERATION_TRIGGER_TYPE_IMMUTABLE',
      'Trigger type cannot be changed.',
    );
  }
  const triggerType =
    typeof trigger === 'number' && PER_GUILD[trigger] !== undefined ? trigger : undefined;
  if (triggerType === undefined)
    errors.add(['trigger_type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 3, 4, 5, 6).');
  else if (!existing) {
    const count = [...autoModRules(guild).values()].filter(
      (r) => r.trigger_type === triggerType,
    ).length;
    if (count >= (PER_GUILD[triggerType] ?? 0)) {
      errors.add(
        ['trigger_type'],
        'AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED',
        'Maximum number of rules of this trigger type reached.',
      );
    }
  }
  const metadata =
    body.trigger_metadata === undefined && existing
      ? existing.trigger_metadata
      : metadataOf(errors, triggerType ?? 0, body.trigger_metadata);
  const actions =
    body.actions === undefined && existing
      ? existing.actions
      : actionsOf(errors, world, guild, triggerType ?? 0, body.actions);
  const exemptRoles =
    body.exempt_roles === undefined && existing
      ? existing.exempt_roles
      : ids(errors, body.exempt_roles, 'exempt_roles', 20);
  const exemptChannels =
    body.exempt_channels === undefined && existing
      ? existing.exempt_channels
      : ids(errors, body.exempt_channels, 'exempt_channels', 50);
  if (errors.hasErrors) throw invalidFormBody(errors.errors);
  return {
    id: existing?.id ?? world.ids.next(),
    guild_id: guild.id,
    name: String(name),
    creator_id: existing?.creator_id ?? world.botUser.id,
    event_type:
      eventType === EventType.MemberUpdate ? EventType.MemberUpdate : EventType.MessageSend,
    trigger_type: triggerType ?? Trigger.Keyword,
    trigger_metadata: metadata,
    actions,
    enabled: typeof body.enabled === 'boolean' ? body.enabled : (existing?.enabled ?? false),
    exempt_roles: exemptRoles,
    exempt_channels: exemptChannels,
  };
}

function findRule(guild: GuildRecord, id: string): APIAutoModerationRule {
  const rule = autoModRules(guild).get(id);
  // Discord has no "Unknown" code of its own for AutoMod rules: it answers the generic 404.
  if (!rule) throw new DiscordApiError(404, 0, '404: Not Found');
  return rule;
}

/** Discord's AutoMod endpoints: list, get, create, modify and delete rules (Manage Server). */
export function registerAutoModRoutes(router: Router, world: World): void {
  const guildOf = (id: string | undefined) => {
    const guild = world.guild(id ?? '');
    world.requireGuildPermissions(guild, P.ManageGuild);
    return guild;
  };
  router.on('GET', BASE, ({ params }) => [...autoModRules(guildOf(params.guild_id)).values()]);
  router.on('GET', `${BASE}/:rule_id`, ({ params }) =>
    findRule(guildOf(params.guild_id), params.rule_id ?? ''),
  );
  router.on('POST', BASE, ({ params, body }) => {
    const guild = guildOf(params.guild_id);
    const rule = ruleFrom(world, guild, record(body), undefined);
    saveAutoModRule(world, guild, rule, true);
    return rule;
  });
  router.on('PATCH', `${BASE}/:rule_id`, ({ params, body }) => {
    const guild = guildOf(params.guild_id);
    const rule = ruleFrom(world, guild, record(body), findRule(guild, params.rule_id ?? ''));
    saveAutoModRule(world, guild, rule, false);
    return rule;
  });
  router.on('DELETE', `${BASE}/:rule_id`, ({ params }) => {
    const guild = guildOf(params.guild_id);
    deleteAutoModRule(world, guild, findRule(guild, params.rule_id ?? ''));
    return undefined;
  });
}
