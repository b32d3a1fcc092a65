import { createTsupConfig } from '../../scripts/config/tsup';

// A command-line tool: ESM only (its library entry is for tests and tools that drive the chat).
// The supervised worker's entry is its own file: the supervisor imports it in each worker thread.
export default createTsupConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'supervised-worker': 'src/supervised/worker-entry.ts',
    // `zoryx ext …` (picked by bin/zoryx.mjs): the marketplace without the bot-running modules.
    ext: 'src/ext/ext-cli.ts',
    // bin/zoryx.mjs imports it alone, before the rest: Node's compile cache covers all the others.
    'compile-cache': 'src/compile-cache.ts',
    // `zoryx start` builds the boot bundle in a child process of its own (low priority).
    'boot-bundle-child': 'src/boot-bundle/boot-bundle-child.ts',
  },
  format: ['esm'],
  // main.ts and the entry import each command's modules when it runs: split so that running a
  // bot does not load the emulator and the marketplace (see src/lazy-commands.ts).
  splitting: true,
});
