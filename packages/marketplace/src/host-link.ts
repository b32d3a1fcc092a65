import { watch } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { ExtensionContext, ZoryxClient } from '@zoryx/framework';
import type { ExtensionManifest } from '@zoryx/resolver';
import {
  answerRequest,
  type BotLink,
  type BotRequest,
  type BotResult,
  linkPaths,
  pendingRequests,
  writeAtomically,
} from './bot-link.js';
import { MarketplaceError } from './errors.js';
import { extensionNameOf } from './scorecard.js';

function codedOf(error: unknown): { code: string; message: string; hint: string } {
  const fields: { code?: unknown; hint?: unknown } =
    typeof error === 'object' && error !== null ? error : {};
  return {
    code: typeof fields.code === 'string' ? fields.code : 'ZRX_MARKET_LOAD_FAILED',
    message: error instanceof Error ? error.message : String(error),
    hint: typeof fields.hint === 'string' ? fields.hint : '',
  };
}

/**
 * The engine's link to the bot it runs in (the `/marketplace` commands): the same operations as
 * the request files, called on the bot's extension host directly. The running config's
 * `extensions.packages` is the list the host discovers packages in, so a package added to it
 * (as it is to config.json) can be loaded by name.
 */
export function hostBotLink(client: ZoryxClient): BotLink {
  const packages = client.config.extensions.packages;
  const host = client.extensions;
  const fail = (op: string, pkg: string, error: unknown) => {
    const coded = codedOf(error);
    return new MarketplaceError(
      'ZRX_MARKET_LOAD_FAILED',
      `The bot could not ${op} ${pkg}: ${coded.code}: ${coded.message}`,
      {
        cause: error,
      },
    );
  };
  return {
    loaded: async (): Promise<ExtensionManifest[]> =>
      host
        .status()
        .filter((s) => s.state === 'loaded')
        .flatMap((s) => {
          const m = host.definitionOf(s.name);
          return m
            ? [
                {
                  name: m.name,
                  version: m.version,
                  ...(m.dependencies ? { dependencies: m.dependencies } : {}),
                  ...(m.optionalDependencies
                    ? { optionalDependencies: m.optionalDependencies }
                    : {}),
                  ...(m.conflicts ? { conflicts: m.conflicts } : {}),
                },
              ]
            : [];
        }),
    load: async (pkg) => {
      if (!packages.includes(pkg)) packages.push(pkg);
      try {
        const status = await host.load(extensionNameOf(pkg));
        return [status.name];
      } catch (error) {
        const at = packages.indexOf(pkg);
        if (at >= 0) packages.splice(at, 1);
        throw fail('load', pkg, error);
      }
    },
    reload: async (pkg) => {
      try {
        return await host.reload(extensionNameOf(pkg));
      } catch (error) {
        throw fail('reload', pkg, error);
      }
    },
    unload: async (pkg) => {
      const name = extensionNameOf(pkg);
      const names = host.statusOf(name)?.state === 'loaded' ? await host.unload(name) : [];
      const at = packages.indexOf(pkg);
      if (at >= 0) packages.splice(at, 1);
      return names;
    },
  };
}

/**
 * Serves the request files of `zoryx ext` (see `fileBotLink`): announces the bot in
 * `<data>/marketplace/bot.json`, watches `requests/` (fs.watch, and a 1 s sweep in case an event
 * is lost), answers each request in order through {@link hostBotLink}, and removes `bot.json`
 * when the extension unloads.
 */
export async function serveRequests(ctx: ExtensionContext, stateDir: string): Promise<void> {
  const paths = linkPaths(stateDir);
  const link = hostBotLink(ctx.client);
  await mkdir(paths.requests, { recursive: true });
  await writeAtomically(
    paths.presence,
    JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }),
  );
  ctx.onDispose(() => rm(paths.presence, { force: true }));

  const handle = async (request: BotRequest): Promise<BotResult> => {
    const base = { id: request.id, names: [], loaded: [] };
    try {
      ctx.logger.info({ op: request.op, package: request.package }, 'marketplace request');
      switch (request.op) {
        case 'state':
          return { ...base, ok: true, loaded: (await link.loaded()) ?? [] };
        case 'load':
          return { ...base, ok: true, names: await link.load(request.package) };
        case 'reload':
          return { ...base, ok: true, names: await link.reload(request.package) };
        case 'unload':
          return { ...base, ok: true, names: await link.unload(request.package) };
      }
    } catch (error) {
      ctx.logger.warn(
        { err: error, op: request.op, package: request.package },
        'marketplace request failed',
      );
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      return { ...base, ok: false, error: codedOf(cause) };
    }
  };

  let queue: Promise<void> = Promise.resolve();
  const sweep = () => {
    queue = queue.then(async () => {
      for (const request of await pendingRequests(stateDir))
        await answerRequest(stateDir, await handle(request));
    });
    return queue.catch((error) =>
      ctx.logger.warn({ err: error }, 'marketplace request sweep failed'),
    );
  };
  const watcher = watch(paths.requests, () => void sweep());
  ctx.own(() => watcher.close());
  ctx.schedule.every(1_000, sweep);
  void sweep();
}
