import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

// The package guides (packages/*.md) and the API reference (api/) are generated before the
// build: scripts/package-pages.mjs and TypeDoc (typedoc.json). The sidebar lists every package
// page there is, the most used first.
const FIRST = ['framework', 'testing', 'cli', 'create-zoryx-bot', 'emulator', 'builtins'];
const pagesDir = fileURLToPath(new URL('../packages', import.meta.url));
const written = existsSync(pagesDir)
  ? readdirSync(pagesDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -3))
  : [];
const packages = [
  ...FIRST.filter((name) => written.includes(name)),
  ...written.filter((name) => !FIRST.includes(name)).sort(),
];

export default defineConfig({
  title: 'Zoryx',
  description: 'A TypeScript plugin host for Discord bots',
  cleanUrls: true,
  // Dead internal links fail the build (scripts/check-links.mjs checks anchors too). One
  // exception: the emulator's TSDoc links docs/emulator.md relative to docs/, which from the
  // generated api/ pages points one folder too deep.
  ignoreDeadLinks: [/^\.\/emulator(\.md)?(#.*)?$/],
  srcExclude: ['README.md', 'scripts/**', '.check/**'],
  // The local search index and Vue make one large chunk; it is a docs site, not an app.
  vite: { build: { chunkSizeWarningLimit: 4096 } },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Packages', link: '/packages/framework' },
      { text: 'API', link: '/api/' },
      { text: 'Errors', link: '/errors' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Your first extension', link: '/guide/first-extension' },
          { text: 'Deployment', link: '/guide/deployment' },
          { text: 'The emulator', link: '/emulator' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Built-in commands', link: '/commands' },
          { text: 'Error codes', link: '/errors' },
          { text: 'API reference', link: '/api/' },
          { text: 'Contributing', link: '/contributing' },
        ],
      },
      {
        text: 'Packages',
        collapsed: true,
        items: packages.map((name) => ({ text: name, link: `/packages/${name}` })),
      },
    ],
  },
});
