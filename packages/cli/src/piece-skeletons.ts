import { camelCase, pascalCase } from './extension-skeleton.js';

/** What `zoryx new` generates inside an extension. */
export type PieceKind = 'command' | 'listener' | 'component';

/** A generated piece: its file, the name it exports, and how the extension wires it in. */
export interface PieceSkeleton {
  /** Folder below the extension (`commands`, `listeners`, `components`). */
  readonly folder: string;
  /** The exported identifier. */
  readonly identifier: string;
  /** `commands` / `components`: the defineExtension array; `setup`: a call in `setup(ctx)`. */
  readonly wiring: 'commands' | 'components' | 'setup';
  readonly source: string;
}

/** The source of a new piece named `name` (v2 API: `defineCommand`, `defineComponent`, `ctx.client`). */
export function pieceSkeleton(kind: PieceKind, name: string): PieceSkeleton {
  if (kind === 'command') {
    const identifier = `${camelCase(name)}Command`;
    return {
      folder: 'commands',
      identifier,
      wiring: 'commands',
      source: `import { defineCommand } from '@zoryx/framework';

/** \`/${name} [text]\`, \`!${name} [text]\` and \`@Bot ${name} [text]\`: one \`run\` answers all three. */
export const ${identifier} = defineCommand({
  name: '${name}',
  description: 'TODO: what /${name} does',
  options: { text: { kind: 'string', description: 'Some text', maxLength: 100 } },
  async run(interaction, { text = 'nothing' }, ctx) {
    ctx.logger.debug({ user: interaction.user.id }, '${name} ran');
    return interaction.reply(\`${name}: \${text}\`);
  },
});
`,
    };
  }
  if (kind === 'component') {
    const identifier = `${camelCase(name)}Component`;
    return {
      folder: 'components',
      identifier,
      wiring: 'components',
      source: `import { defineComponent } from '@zoryx/framework';

/**
 * The button \`${name}\`: send it with
 * \`new ButtonBuilder().setCustomId(${identifier}.customId('some-data')).setLabel('…')\`;
 * \`run\` gets the data after the id.
 */
export const ${identifier} = defineComponent({
  id: '${name}',
  kind: 'button',
  async run(interaction, data, ctx) {
    ctx.logger.debug({ user: interaction.user.id, data }, '${name} clicked');
    // flags 64 is MessageFlags.Ephemeral: only the member who clicked sees the answer.
    return interaction.reply({ content: \`${name}: \${data}\`, flags: 64 });
  },
});
`,
    };
  }
  const identifier = `listen${pascalCase(name)}`;
  return {
    folder: 'listeners',
    identifier,
    wiring: 'setup',
    source: `import type { ExtensionContext } from '@zoryx/framework';

/**
 * Listens to a Discord event through \`ctx.client\`: the listener belongs to the extension, runs
 * as it (an error is logged, never fatal) and is removed when the extension unloads or reloads.
 */
export function ${identifier}(ctx: ExtensionContext): void {
  ctx.client.on('messageCreate', async (message) => {
    if (message.author.bot) return;
    ctx.logger.debug({ channel: message.channelId }, '${name}: a message');
  });
}
`,
  };
}

function addImport(source: string, line: string): string {
  const imports = [...source.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  if (!last || last.index === undefined) return `${line}\n${source}`;
  const at = last.index + last[0].length;
  return `${source.slice(0, at)}${line}\n${source.slice(at)}`;
}

/**
 * Wires a generated piece into an extension's `index.ts` source: the import, plus the
 * identifier in `commands: [` / `components: [` (the key is added after `name:` when missing),
 * or a call at the top of `setup(ctx) {`. Returns null when the source has no shape it knows;
 * the caller then prints what to add by hand.
 */
export function wirePiece(source: string, piece: PieceSkeleton, importPath: string): string | null {
  if (!/defineExtension\(\{/.test(source)) return null;
  let next = addImport(source, `import { ${piece.identifier} } from '${importPath}';`);
  if (piece.wiring === 'setup') {
    const setup = /(\n(\s*)(?:async\s+)?setup\s*\(\s*(\w+)[^)]*\)[^{]*\{\n)/.exec(next);
    if (!setup || setup.index === undefined) return null;
    const indent = `${setup[2]}  `;
    const at = setup.index + (setup[1]?.length ?? 0);
    return `${next.slice(0, at)}${indent}${piece.identifier}(${setup[3]});\n${next.slice(at)}`;
  }
  const key = new RegExp(`(\\n\\s*${piece.wiring}:\\s*\\[)`);
  const found = key.exec(next);
  if (found && found.index !== undefined) {
    const at = found.index + (found[1]?.length ?? 0);
    const closesAtOnce = next[at] === ']';
    next = `${next.slice(0, at)}${piece.identifier}${closesAtOnce ? '' : ', '}${next.slice(at)}`;
    return next;
  }
  // The extension's own `name:` (a command defined above it has one too).
  const start = next.search(/defineExtension\(\{/);
  const name = /\n(\s*)name:\s*[^\n]+\n/.exec(next.slice(start));
  if (!name || name.index === undefined) return null;
  const at = start + name.index + name[0].length;
  return `${next.slice(0, at)}${name[1]}${piece.wiring}: [${piece.identifier}],\n${next.slice(at)}`;
}
