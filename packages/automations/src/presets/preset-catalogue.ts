import { AutomationError } from '../errors.js';
import type { RuleInput } from '../model/rule-schema.js';
import {
  announcementPreset,
  dynamicVoicePreset,
  levelingPreset,
  ticketsPreset,
  webhookBridgePreset,
  wordFilterPreset,
} from './feature-presets.js';
import {
  goodbyePreset,
  reactionRolesPreset,
  voiceLogPreset,
  welcomePreset,
} from './member-presets.js';
import type { Preset } from './preset-types.js';

/** The ten presets (the original's templates), by name. */
export const PRESETS: ReadonlyMap<string, Preset> = new Map<string, Preset>(
  [
    welcomePreset,
    goodbyePreset,
    reactionRolesPreset,
    wordFilterPreset,
    levelingPreset,
    announcementPreset,
    ticketsPreset,
    voiceLogPreset,
    webhookBridgePreset,
    dynamicVoicePreset,
  ].map((preset) => [preset.name, preset]),
);

/**
 * A rule object from a preset and its parameters (defaults merged). Throws
 * `ZRX_AUTOMATION_UNKNOWN_PRESET` or `ZRX_AUTOMATION_INVALID` (paths under `params.`).
 */
export function ruleFromPreset(name: string, params: Record<string, unknown>): RuleInput {
  const preset = PRESETS.get(name);
  if (!preset) {
    throw new AutomationError(
      'ZRX_AUTOMATION_UNKNOWN_PRESET',
      `There is no preset "${name}" (presets: ${[...PRESETS.keys()].join(', ')}).`,
    );
  }
  const parsed = preset.params.safeParse(params);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: ['params', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AutomationError(
      'ZRX_AUTOMATION_INVALID',
      `Preset "${name}": ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  return preset.build(parsed.data);
}
