import type { CommandPlan, Route } from '@zoryx/slash-limit';
import type { EmbedField } from '../shared/embeds.js';

/** Thresholds the report is drawn against (the framework's `slashLimit` config). */
export interface SlashThresholds {
  readonly maxTopLevel: number;
  readonly warningThreshold: number;
  readonly safeLimit: number;
}

/** `██████░░░░░░░░░░░░░░ 30/100 (30 %)`: `cells` cells, filled in proportion. */
export function usageBar(used: number, limit: number, cells = 20): string {
  const ratio = limit <= 0 ? 1 : Math.min(1, used / limit);
  const filled = Math.round(ratio * cells);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)} ${used}/${limit} (${Math.round(ratio * 100)} %)`;
}

function where(route: Route): string {
  if (route.kind !== 'folded') return route.kind;
  const sub = 'subcommand' in route ? route.subcommand : '';
  return ['/' + route.root, 'group' in route ? route.group : '', sub].filter(Boolean).join(' ');
}

/** Folded, prefix-only and excluded commands of a plan, sorted by name. */
export function routesByKind(plan: CommandPlan): {
  folded: string[];
  prefixOnly: string[];
  excluded: string[];
} {
  const folded: string[] = [];
  const prefixOnly: string[] = [];
  const excluded: string[] = [];
  for (const [name, route] of Object.entries(plan.routes).sort(([a], [b]) => a.localeCompare(b))) {
    if (route.kind === 'folded') folded.push(`\`${name}\` → \`${where(route)}\``);
    else if (route.kind === 'prefix-only') prefixOnly.push(`\`${name}\` — ${route.reason}`);
    else if (route.kind === 'excluded') excluded.push(`\`${name}\` — ${route.reason}`);
  }
  return { folded, prefixOnly, excluded };
}

const LEVEL: Record<CommandPlan['status']['level'], string> = {
  ok: '🟢 ok',
  warning: '🟡 warning',
  critical: '🔴 critical',
};

/** The fields of `slashlimit`. */
export function slashLimitFields(plan: CommandPlan, thresholds: SlashThresholds): EmbedField[] {
  const { folded, prefixOnly, excluded } = routesByKind(plan);
  const { used, limit, level, warnings } = plan.status;
  const fields: EmbedField[] = [
    { name: 'Slash commands registered', value: `\`${usageBar(used, limit)}\`` },
    { name: 'Level', value: LEVEL[level], inline: true },
    {
      name: 'Thresholds',
      value: `warning ${thresholds.warningThreshold} · safe ${thresholds.safeLimit} · limit ${thresholds.maxTopLevel}`,
      inline: true,
    },
    { name: 'Commands', value: String(Object.keys(plan.routes).length), inline: true },
    { name: `Folded (${folded.length})`, value: folded.join('\n') || 'none' },
    { name: `Prefix-only (${prefixOnly.length})`, value: prefixOnly.join('\n') || 'none' },
  ];
  if (excluded.length > 0) {
    fields.push({ name: `Not reachable (${excluded.length})`, value: excluded.join('\n') });
  }
  if (warnings.length > 0) fields.push({ name: 'Notes', value: warnings.join('\n') });
  return fields;
}
