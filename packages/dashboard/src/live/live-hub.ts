import type { ServerResponse } from 'node:http';

/**
 * Server-sent events to the open dashboard pages, with a cap on connections at once (a page left
 * open in many tabs, or a client opening streams in a loop, cannot exhaust the bot).
 */
export class LiveHub {
  /** Open streams; `true` for those that may receive bot-wide figures. */
  readonly #clients = new Map<ServerResponse, boolean>();

  public constructor(private readonly max: number) {}

  /** Connections open now. */
  public get size(): number {
    return this.#clients.size;
  }

  /**
   * Adds a stream; `false` when the cap is reached (the caller answers 503). Only `privileged`
   * streams (bot-wide roles) receive broadcasts: a guild manager's page gets none of them.
   */
  public add(response: ServerResponse, privileged: boolean): boolean {
    if (this.#clients.size >= this.max) return false;
    this.#clients.set(response, privileged);
    response.on('close', () => this.#clients.delete(response));
    return true;
  }

  /** Sends one event to every stream. */
  public broadcast(event: string, data: unknown): void {
    if (this.#clients.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const [client, privileged] of this.#clients) if (privileged) client.write(frame);
  }

  /** Ends every stream (unload). */
  public close(): void {
    for (const client of this.#clients.keys()) client.end();
    this.#clients.clear();
  }
}
