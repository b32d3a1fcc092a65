import type { AccessLevel } from '@zoryx/framework';
import { pieceMeta } from '@zoryx/framework/internals';

/** What {@link commandTableMarkdown} reads of an extension definition. */
export interface CommandTableSource {
  readonly name: string;
  readonly commands?: readonly unknown[];
}

const WHO: Readonly<Record<AccessLevel, string>> = {
  everyone: 'everyone',
  admin: 'administrators',
  'guild-owner': 'server owner, bot owners',
  owner: 'bot owners',
};

function escapePipes(text: string): string {
  return text.replaceAll('|', '\\|');
}

/**
 * A Markdown table of every command the given extensions bring (commands made with
 * `defineCommand`; others are skipped): command, extension, who may run it, usage, description.
 * Generate your extension's command list with it, so it cannot drift from the code.
 */
export function commandTableMarkdown(extensions: readonly CommandTableSource[]): string {
  const lines = ['| command | extension | who | usage | description |', '|---|---|---|---|---|'];
  for (const extension of extensions) {
    for (const entry of extension.commands ?? []) {
      const piece =
        typeof entry === 'object' && entry !== null && 'piece' in entry
          ? (entry as { piece: unknown }).piece
          : entry;
      const meta = pieceMeta(piece);
      if (!meta) continue;
      lines.push(
        `| \`${meta.name}\` | ${extension.name} | ${WHO[meta.access]} | \`${escapePipes(meta.usage)}\` | ${escapePipes(meta.description)} |`,
      );
    }
  }
  return lines.join('\n');
}
