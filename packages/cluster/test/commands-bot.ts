import { resolve } from 'node:path';
import type { ZoryxConfigInput } from '@zoryx/framework';
import { createTestBot, type TestBot } from '@zoryx/testing';
import '../src/commands/vocabulary.js';

/** The extension's source: the test bot compiles it like any extension file (no build needed). */
const extensionSource = resolve(import.meta.dirname, '../src/extension.ts');

/** A test bot (real emulator + discord.js) with the `cluster` extension from this package's source. */
export function startCommandsBot(config: ZoryxConfigInput = {}): Promise<TestBot> {
  return createTestBot({
    files: {
      'extensions/cluster/index.ts': `export { default } from ${JSON.stringify(extensionSource)};\n`,
    },
    config: {
      cooldowns: { default: { limit: 1000, windowSeconds: 1 } },
      intake: { commandsPerUser: false },
      ...config,
    },
  });
}

/** The text of a reply: content, embed titles, descriptions, fields and footers. */
export function textOf(message: {
  content: string;
  embeds: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
}): string {
  return [
    message.content,
    ...message.embeds.map((e) =>
      [
        e.title,
        e.description,
        ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
        e.footer?.text,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  ].join('\n');
}
