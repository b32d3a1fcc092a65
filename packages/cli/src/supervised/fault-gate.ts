// The supervisor starts a replacement worker on its own schedule and does not wait for its event
// listeners. runBot records a fault (and may quarantine an extension) in a listener, and the
// replacement must not boot before that is on disk, or it would load the quarantined extension
// once more. So the worker entry asks the main thread for leave to start, over a
// BroadcastChannel (shared by every thread of the process), and the main thread answers once the
// fault records in flight have settled.
import { BroadcastChannel } from 'node:worker_threads';

interface GateMessage {
  readonly t: 'may-start' | 'go';
  readonly id: string;
}

function isGateMessage(value: unknown): value is GateMessage {
  return typeof value === 'object' && value !== null && 't' in value && 'id' in value;
}

/** The main thread's side: tracks the fault records in flight and answers the workers. */
export class FaultGate {
  readonly #channel: BroadcastChannel;
  readonly #pending = new Set<Promise<unknown>>();

  public constructor(public readonly name: string) {
    this.#channel = new BroadcastChannel(name);
    // The gate never keeps the process alive: the supervisor's session does.
    this.#channel.unref();
    this.#channel.onmessage = (event) => {
      const data = (event as MessageEvent).data;
      if (!isGateMessage(data) || data.t !== 'may-start') return;
      void this.settled().then(() => this.#channel.postMessage({ t: 'go', id: data.id }));
    };
  }

  /** Holds the next worker's start until `work` has settled. */
  public track(work: Promise<unknown>): void {
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work)).catch(() => undefined);
  }

  /** Resolves once every tracked record has settled (those added meanwhile included). */
  public async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  public close(): void {
    this.#channel.close();
  }
}

/**
 * The worker's side: resolves once the main thread says every fault is recorded, or after
 * `timeoutMs` (a gate that does not answer must not keep the bot down).
 */
export async function passFaultGate(name: string, timeoutMs = 10_000): Promise<boolean> {
  const channel = new BroadcastChannel(name);
  const id = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      channel.onmessage = (event) => {
        const data = (event as MessageEvent).data;
        if (isGateMessage(data) && data.t === 'go' && data.id === id) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      channel.postMessage({ t: 'may-start', id } satisfies GateMessage);
    });
  } finally {
    channel.close();
  }
}
