import type { HookInfo } from '@zoryx/hooks';
import type { Problem } from '@zoryx/resolver';
import type { EmbedField } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import type { DependencyReport } from './extension-report.js';
import type { RegistryEntry } from './registry-service.js';

const STATE_ICON: Record<string, string> = {
  loaded: '🟢',
  failed: '🔴',
  skipped: '⚪',
  unloaded: '⚫',
};

/** Problem markers of an entry: ❌ unsatisfied dependency, ⚠️ conflict, 🔄 cycle, ❔ unreadable. */
export function problemIcons(entry: RegistryEntry): string[] {
  const icons: string[] = [];
  const r = entry.relations;
  if (r === null) return entry.status ? ['❔ definition unreadable'] : [];
  if (r.dependencies.some((d) => !d.optional && d.state !== 'ok')) icons.push('❌ dependencies');
  if (r.dependencies.some((d) => d.optional && d.state === 'out-of-range'))
    icons.push('❌ optional dependency out of range');
  if (r.conflicts.some((c) => c.active) || r.conflictedBy.length > 0) icons.push('⚠️ conflicts');
  if (r.cycles.length > 0) icons.push('🔄 cycle');
  return icons;
}

/** The version shown for an entry: running, else declared, else `?`. */
export function versionOf(entry: RegistryEntry): string {
  return entry.status?.version ?? entry.manifest?.version ?? '?';
}

/** One `pr_list` entry. */
export function listField(entry: RegistryEntry): EmbedField {
  const state = entry.status?.state ?? 'not loaded';
  const parts = [`${STATE_ICON[state] ?? '⚪'} ${state}`];
  if (entry.status?.loadTimeMs != null) parts.push(formatMs(entry.status.loadTimeMs));
  const description = entry.status?.description ?? entry.manifest?.description;
  const lines = [parts.join(' · ')];
  if (description) lines.push(description);
  const icons = problemIcons(entry);
  if (icons.length > 0) lines.push(icons.join(' · '));
  return { name: `${entry.name}@${versionOf(entry)}`, value: lines.join('\n') };
}

const DEP_ICON: Record<DependencyReport['state'], string> = {
  ok: '✅',
  missing: '❌',
  'out-of-range': '❌',
  'absent (optional)': '➖',
};

function dependencyLine(d: DependencyReport): string {
  const found = d.found === null ? '' : ` (found ${d.found})`;
  return `${DEP_ICON[d.state]} \`${d.name}\` ${d.range}${d.optional ? ' · optional' : ''} — ${d.state}${found}`;
}

/** What `pr_info` shows besides the title. */
export function infoFields(
  entry: RegistryEntry,
  extras: {
    commands: readonly string[];
    hooks: readonly HookInfo[];
    dependents: readonly string[];
  },
): EmbedField[] {
  const s = entry.status;
  const r = entry.relations;
  const events = [...new Set(extras.hooks.map((h) => h.event))];
  const fields: EmbedField[] = [
    { name: 'Version', value: versionOf(entry), inline: true },
    { name: 'Author', value: s?.author ?? entry.manifest?.author ?? 'unknown', inline: true },
    {
      name: 'State',
      value: s ? `${STATE_ICON[s.state] ?? ''} ${s.state}` : 'not loaded',
      inline: true,
    },
    { name: 'Load time', value: formatMs(s?.loadTimeMs), inline: true },
    {
      name: `Commands (${extras.commands.length})`,
      value: extras.commands.map((c) => `\`${c}\``).join(', ') || 'none',
    },
    {
      name: `Hooks registered (${extras.hooks.length})`,
      value: extras.hooks.map((h) => `\`${h.id}\` (priority ${h.priority})`).join('\n') || 'none',
    },
    { name: 'Events listened to', value: events.map((e) => `\`${e}\``).join(', ') || 'none' },
  ];
  if (r === null) {
    fields.push({
      name: 'Dependencies',
      value: `unknown: ${s?.lastError?.message ?? 'the definition was not found'}`,
    });
  } else {
    fields.push(
      { name: 'Dependencies', value: r.dependencies.map(dependencyLine).join('\n') || 'none' },
      {
        name: 'Conflicts',
        value:
          [
            ...r.conflicts.map(
              (c) =>
                `${c.active ? '⚠️' : '✅'} \`${c.name}\` ${c.range} — ${c.active ? `conflicts with ${c.name}@${c.found}` : 'not present'}`,
            ),
            ...r.conflictedBy.map((n) => `⚠️ \`${n}\` declares a conflict with this extension`),
          ].join('\n') || 'none',
      },
      {
        name: 'Cycles',
        value: r.cycles.map((c) => `🔄 ${c.join(' → ')}`).join('\n') || 'none',
      },
    );
  }
  fields.push({
    name: 'Dependents',
    value: extras.dependents.map((d) => `\`${d}\``).join(', ') || 'none',
  });
  if (s?.lastError) {
    fields.push({ name: 'Last error', value: `[${s.lastError.code}] ${s.lastError.message}` });
  }
  return fields;
}

/** One resolver problem as a `pr_validate` line. */
export function problemLine(p: Problem): string {
  const icon = p.severity === 'error' ? '❌' : '⚠️';
  return `${icon} **${p.code}** ${p.message}${p.hint ? `\n  ↳ ${p.hint}` : ''}`;
}
