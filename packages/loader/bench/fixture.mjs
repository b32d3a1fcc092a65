// Generates a ~200-line extension (TypeScript for the loader, plain ESM for the import() peer):
// a data table, a class, thirty small functions and a setup that registers a hook and a timer.

/**
 * @param {{ name: string, n: number, typescript: boolean, dependsOn?: string }} spec
 * @returns {string}
 */
export function extensionCode({ name, n, typescript, dependsOn }) {
  const t = (type) => (typescript ? type : '');
  const lines = [];
  if (typescript) lines.push("import { defineExtension } from '@zoryx/loader';");
  lines.push(`const VERSION = ${n};`);
  if (typescript) lines.push('interface Entry { id: number; label: string; weight: number }');
  lines.push(`const table${t(': Entry[]')} = [`);
  for (let i = 0; i < 60; i++)
    lines.push(`  { id: ${i}, label: 'entry-${i}-${name}', weight: ${(i * 7) % 13} },`);
  lines.push('];');
  lines.push('class Ledger {');
  lines.push(`  entries${t(': Map<string, number>')} = new Map();`);
  lines.push(`  add(key${t(': string')}, amount${t(': number')})${t(': number')} {`);
  lines.push('    const next = (this.entries.get(key) ?? 0) + amount;');
  lines.push('    this.entries.set(key, next);');
  lines.push('    return next;');
  lines.push('  }');
  lines.push(`  total()${t(': number')} {`);
  lines.push('    let sum = 0;');
  lines.push('    for (const value of this.entries.values()) sum += value;');
  lines.push('    return sum;');
  lines.push('  }');
  lines.push('}');
  for (let i = 0; i < 30; i++) {
    lines.push(`function score${i}(x${t(': number')})${t(': number')} {`);
    lines.push(`  return table[${i}].weight * x + VERSION;`);
    lines.push('}');
  }
  lines.push(`const scorers = [${Array.from({ length: 30 }, (_, i) => `score${i}`).join(', ')}];`);
  const setupBody = [
    '    const ledger = new Ledger();',
    "    ctx.hooks.on('command_executed', function track(payload) { ledger.add(payload.commandName, 1); });",
    "    ctx.schedule.every('1h', () => ledger.total());",
    dependsOn
      ? `    const upstream = ctx.extensions.get('${dependsOn}');`
      : '    const upstream = { version: VERSION };',
    `    globalThis.__benchReady?.('${name}', upstream.version, VERSION);`,
    '    return { version: upstream.version, ledger, score: (x) => scorers.reduce((s, f) => s + f(x), 0) };',
  ];
  if (typescript) {
    lines.push('export default defineExtension({');
    lines.push(`  name: '${name}',`);
    lines.push(`  version: '1.0.${n}',`);
    lines.push(`  dependencies: ${dependsOn ? `{ '${dependsOn}': '*' }` : '{}'},`);
    lines.push('  setup(ctx: any) {');
    lines.push(...setupBody);
    lines.push('  },');
    lines.push('});');
  } else {
    lines.push('export default {');
    lines.push(`  name: '${name}',`);
    lines.push(`  version: '1.0.${n}',`);
    lines.push('  setup(ctx) {');
    lines.push(...setupBody);
    lines.push('  },');
    lines.push('};');
  }
  while (lines.length < 200) lines.push(`// padding line ${lines.length}`);
  return `${lines.join('\n')}\n`;
}
