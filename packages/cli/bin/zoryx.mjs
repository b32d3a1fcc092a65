#!/usr/bin/env node
// A committed launcher (not in dist/) so package managers can link the bin before the first build.
// `zoryx ext …` has its own entry (src/ext/ext-cli.ts) that loads none of the bot-running modules.
await import(process.argv[2] === 'ext' ? '../dist/ext.js' : '../dist/cli.js');
