#!/usr/bin/env node
// A committed launcher (not in dist/) so package managers can link the bin before the first build.
// Node ≥ 22.1's module compile cache is enabled first, on its own (dist/compile-cache.js, one small
// module), so everything the command then loads is compiled from the cache on the next run
// (ZORYX_COMPILE_CACHE=off opts out; src/compile-cache.ts).
// `zoryx ext …` has its own entry (src/ext/ext-cli.ts) that loads none of the bot-running modules.
(await import('../dist/compile-cache.js')).startCompileCache();
await import(process.argv[2] === 'ext' ? '../dist/ext.js' : '../dist/cli.js');
