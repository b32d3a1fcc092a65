import { createInterface } from 'node:readline/promises';
import {
  addExtension,
  assertPublishable,
  extensionInfo,
  formatScorecard,
  listExtensions,
  type MarketplaceOptions,
  pinExtension,
  publishCheck,
  removeExtension,
  searchExtensions,
  unpinExtension,
  updateExtension,
} from '@zoryx/marketplace/engine';
import type { MainIo } from '../main.js';
import { EXT_USAGE, type ExtArgs, parseExtArgs } from './ext-args.js';

/** Asks a yes/no question on the terminal (only when stdin is one). */
async function ask(io: MainIo, question: string): Promise<boolean> {
  if (io.stdin.isTTY !== true) return false;
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function options(args: ExtArgs, io: MainIo): MarketplaceOptions {
  // With --json, stdout is the JSON document only: the steps go to stderr.
  const out = args.json ? io.stderr : io.stdout;
  return {
    cwd: args.cwd,
    env: io.env,
    by: `cli:${io.env.USER ?? io.env.USERNAME ?? 'unknown'}`,
    log: (line) => out.write(`${line}\n`),
    allowScripts:
      args.allowScripts && args.target ? [args.target.replace(/(.)@[^@/]*$/, '$1')] : [],
    confirm: async (question) => args.yes || (await ask(io, question)),
  };
}

/**
 * `zoryx ext …`: the marketplace from the command line (see {@link EXT_USAGE}). Errors are
 * `ZRX_MARKET_*` MarketplaceErrors, printed by `main` with their hint. Resolves with the exit code.
 */
export async function runExt(argv: readonly string[], io: MainIo): Promise<number> {
  const args = parseExtArgs(argv);
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const json = (value: unknown) => print(JSON.stringify(value, null, 2));
  const target = args.target ?? '';
  switch (args.subcommand) {
    case 'help':
      print(EXT_USAGE);
      return 0;
    case 'search': {
      const { hits, stale } = await searchExtensions(options(args, io), target);
      if (args.json) json({ hits, stale });
      else if (hits.length === 0)
        print(`no extension matches "${target}"${stale ? ' (cached results)' : ''}`);
      else {
        for (const hit of hits) print(`${hit.name}@${hit.version}  ${hit.description}`);
        if (stale) print('(the registry could not be reached: cached results)');
      }
      return 0;
    }
    case 'info': {
      const report = await extensionInfo(options(args, io), target);
      if (args.json) json(report);
      else {
        const { info } = report;
        print(`${info.name}: ${info.description}`);
        print(`versions: ${info.versions.join(', ')} (latest ${info.distTags.latest ?? '?'})`);
        if (info.weeklyDownloads !== undefined) print(`weekly downloads: ${info.weeklyDownloads}`);
        print(`installed: ${report.installed ?? 'no'}`);
        const m = report.scorecard.manifest;
        if (m)
          print(
            `depends on: ${JSON.stringify(m.dependencies ?? {})}  conflicts: ${JSON.stringify(m.conflicts ?? {})}`,
          );
        print(formatScorecard(report.scorecard));
      }
      return 0;
    }
    case 'add':
    case 'update': {
      const run = args.subcommand === 'add' ? addExtension : updateExtension;
      const report = await run(options(args, io), target);
      if (args.json) json(report);
      else
        print(
          `${args.subcommand === 'add' ? 'added' : 'updated'} ${report.name}@${report.version} in ${(report.ms / 1000).toFixed(1)} s — ${
            report.live
              ? `live in the running bot (${report.names.join(', ') || 'unchanged'})`
              : 'no running bot answered (is "@zoryx/marketplace" in extensions.packages?): it loads at the next start'
          }`,
        );
      return 0;
    }
    case 'remove': {
      const report = await removeExtension(options(args, io), target);
      if (args.json) json(report);
      else
        print(
          `removed ${report.removed.join(', ')}${report.live ? ` (unloaded ${report.unloaded.join(', ') || 'nothing'})` : ''}`,
        );
      return 0;
    }
    case 'list': {
      const list = await listExtensions(options(args, io));
      if (args.json) json(list);
      else if (list.length === 0) print('no extension packages in config.json');
      else
        for (const e of list) {
          const state = e.loaded === undefined ? '' : e.loaded ? '  loaded' : '  not loaded';
          print(
            `${e.package}@${e.version ?? '(not installed)'}${e.pinned ? ' (pinned)' : ''}${state}`,
          );
        }
      return 0;
    }
    case 'pin':
      print(`pinned ${target} at ${await pinExtension(options(args, io), target)}`);
      return 0;
    case 'unpin':
      print(
        (await unpinExtension(options(args, io), target))
          ? `unpinned ${target}`
          : `${target} was not pinned`,
      );
      return 0;
    case 'publish-check': {
      const result = await publishCheck(args.target ?? args.cwd);
      if (args.json) json(result);
      else {
        for (const line of result.passed) print(`✓ ${line}`);
        for (const p of result.problems)
          print(
            `${p.severity === 'error' ? '✗' : '!'} ${p.check}: ${p.message}\n    fix: ${p.fix}`,
          );
      }
      assertPublishable(result);
      if (!args.json) print(`${result.name}@${result.version} is ready to publish.`);
      return 0;
    }
  }
}
