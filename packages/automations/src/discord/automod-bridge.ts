import {
  type AutoModerationActionOptions,
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  type Guild,
} from 'discord.js';
import { z } from 'zod';
import { AutomationError } from '../errors.js';
import { snowflake } from '../model/trigger-schema.js';
import { regexProblem } from '../model/validate-rule.js';

/** The presets that can run as Discord's own AutoMod rules (Discord enforces them, not the bot). */
export const AUTOMOD_PRESETS = ['word-filter', 'mention-spam'] as const;
/** One of {@link AUTOMOD_PRESETS}. */
export type AutoModPreset = (typeof AUTOMOD_PRESETS)[number];

const common = {
  timeoutSeconds: z.number().int().min(0).max(2_419_200).default(0),
  logChannelId: snowflake.optional(),
  ignoreRoleIds: z.array(snowflake).max(20).default([]),
  ignoreChannelIds: z.array(snowflake).max(50).default([]),
  blockMessage: z.string().max(150).optional(),
};

const wordFilter = z.object({
  // Discord's limits: 1,000 keywords of up to 60 characters, 10 regexes of up to 260.
  words: z.array(z.string().min(1).max(60)).min(1).max(1000),
  match: z.enum(['words', 'regex']).default('words'),
  ...common,
});
const mentionSpam = z.object({ limit: z.number().int().min(1).max(50), ...common });

function invalid(
  preset: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): AutomationError {
  const errors = issues.map((i) => ({
    path: ['params', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return new AutomationError(
    'ZRX_AUTOMATION_INVALID',
    `AutoMod preset "${preset}": ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    { errors },
  );
}

function actionsFor(
  p: z.output<typeof wordFilter> | z.output<typeof mentionSpam>,
): AutoModerationActionOptions[] {
  return [
    {
      type: AutoModerationActionType.BlockMessage,
      ...(p.blockMessage ? { metadata: { customMessage: p.blockMessage } } : {}),
    },
    ...(p.logChannelId
      ? [{ type: AutoModerationActionType.SendAlertMessage, metadata: { channel: p.logChannelId } }]
      : []),
    ...(p.timeoutSeconds > 0
      ? [
          {
            type: AutoModerationActionType.Timeout,
            metadata: { durationSeconds: p.timeoutSeconds },
          },
        ]
      : []),
  ];
}

/**
 * Installs a keyword/regex or mention-spam preset as a native AutoMod rule of the guild (Discord
 * blocks the message before anyone sees it; rules with an `automod_action` trigger can react to
 * the execution). Returns the AutoMod rule id.
 */
export async function installAutoModRule(
  guild: Guild,
  preset: string,
  params: Record<string, unknown>,
): Promise<string> {
  if (preset === 'word-filter') {
    const parsed = wordFilter.safeParse(params);
    if (!parsed.success) throw invalid(preset, parsed.error.issues);
    const p = parsed.data;
    if (p.match === 'regex') {
      const problems = p.words.flatMap((w, i) => {
        const problem =
          regexProblem(w) ?? (p.words.length > 10 ? 'Discord takes at most 10 regexes' : undefined);
        return problem ? [{ path: ['words', i], message: problem }] : [];
      });
      if (problems.length > 0) throw invalid(preset, problems);
    }
    const rule = await guild.autoModerationRules.create({
      name: 'Word filter (automations)',
      eventType: AutoModerationRuleEventType.MessageSend,
      triggerType: AutoModerationRuleTriggerType.Keyword,
      triggerMetadata:
        p.match === 'regex' ? { regexPatterns: p.words } : { keywordFilter: p.words },
      actions: actionsFor(p),
      enabled: true,
      exemptRoles: p.ignoreRoleIds,
      exemptChannels: p.ignoreChannelIds,
      reason: 'automations: AutoMod bridge',
    });
    return rule.id;
  }
  if (preset === 'mention-spam') {
    const parsed = mentionSpam.safeParse(params);
    if (!parsed.success) throw invalid(preset, parsed.error.issues);
    const p = parsed.data;
    const rule = await guild.autoModerationRules.create({
      name: 'Mention spam (automations)',
      eventType: AutoModerationRuleEventType.MessageSend,
      triggerType: AutoModerationRuleTriggerType.MentionSpam,
      triggerMetadata: { mentionTotalLimit: p.limit },
      actions: actionsFor(p),
      enabled: true,
      exemptRoles: p.ignoreRoleIds,
      exemptChannels: p.ignoreChannelIds,
      reason: 'automations: AutoMod bridge',
    });
    return rule.id;
  }
  throw new AutomationError(
    'ZRX_AUTOMATION_UNKNOWN_PRESET',
    `"${preset}" cannot run as a native AutoMod rule (these can: ${AUTOMOD_PRESETS.join(', ')}).`,
  );
}
