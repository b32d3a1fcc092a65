// The first worker's config, handed over by runBot's supervising thread. That thread validates
// the bot's config (config.json or the config in code, with zod) while the worker loads the bot
// anyway; the worker then builds the bot from that result instead of reading and validating it
// a second time, and does not load zod for it (100–250 ms of its cold start). Over a
// BroadcastChannel (shared by every thread of the process), like the fault gate. Only the first
// worker takes it: a replacement reads config.json itself, as a restart always has.

import { BroadcastChannel } from 'node:worker_threads';
import type { ZoryxConfig } from '@zoryx/framework';

interface Ask {
  readonly t: 'config?';
  readonly id: string;
}
interface Answer {
  readonly t: 'config';
  readonly id: string;
  /** The validated config (before the environment's overrides), or null: validate it yourself. */
  readonly config: ZoryxConfig | null;
}

function isMessage(value: unknown, t: string): boolean {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === t;
}

/** The channel name of a run's handover (beside its fault gate's). */
export function handoverChannel(gate: string): string {
  return `${gate}:config`;
}

/** The supervising thread's side: answers the worker once the settings are read. */
export class ConfigOffer {
  readonly #channel: BroadcastChannel;

  /** `config`: the settings being read; a rejection answers null (the worker reports it then). */
  public constructor(name: string, config: Promise<ZoryxConfig>) {
    this.#channel = new BroadcastChannel(name);
    // Never keeps the process alive: the supervisor's session does.
    this.#channel.unref();
    const settled = config.then(
      (value) => value,
      () => null,
    );
    this.#channel.onmessage = (event) => {
      const data = (event as MessageEvent).data as Ask;
      if (!isMessage(data, 'config?')) return;
      void settled.then((value) =>
        this.#channel.postMessage({ t: 'config', id: data.id, config: value } satisfies Answer),
      );
    };
  }

  public close(): void {
    this.#channel.close();
  }
}

/**
 * The worker's side: the config the supervising thread validated, or null when it has none to
 * give (it failed, or did not answer within `timeoutMs`): the worker then reads it itself.
 */
export async function takeConfig(name: string, timeoutMs = 10_000): Promise<ZoryxConfig | null> {
  const channel = new BroadcastChannel(name);
  const id = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    return await new Promise<ZoryxConfig | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      channel.onmessage = (event) => {
        const data = (event as MessageEvent).data as Answer;
        if (isMessage(data, 'config') && data.id === id) {
          clearTimeout(timer);
          resolve(data.config);
        }
      };
      channel.postMessage({ t: 'config?', id } satisfies Ask);
    });
  } finally {
    channel.close();
  }
}
