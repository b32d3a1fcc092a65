import { z } from 'zod';

/**
 * `extensions.config.dashboard.uptimeKuma`: push monitoring. Uptime Kuma's "Push" monitor gives a
 * URL (`https://kuma.example/api/push/<token>`); the bot calls it every `intervalSeconds` with
 * `status`, `msg` and `ping`, and Kuma alerts when the calls stop or say `down`.
 */
export const uptimeKumaConfigSchema = z.object({
  /** The push URL Uptime Kuma shows (its last path segment is a secret token). */
  pushUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL'),
  /** Seconds between pushes; set Kuma's heartbeat interval a little above it. Default 60. */
  intervalSeconds: z.number().int().min(1).max(86_400).default(60),
});

/** The validated `uptimeKuma` section. */
export type UptimeKumaConfig = z.output<typeof uptimeKumaConfigSchema>;

/** One push: what Kuma records. */
export interface KumaBeat {
  readonly status: 'up' | 'down';
  readonly msg: string;
  /** Milliseconds (the gateway heartbeat round trip), or omitted. */
  readonly ping?: number;
}

/** Where a push goes, safe to log: origin and path with the token (last segment) and query hidden. */
export function redactPushUrl(pushUrl: string): string {
  try {
    const url = new URL(pushUrl);
    const path = url.pathname.replace(/[^/]+\/?$/, '***');
    return `${url.origin}${path}`;
  } catch {
    return '***';
  }
}

/** The logger calls the pusher makes (a pino logger fits). */
export interface PushLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Pushes beats to Uptime Kuma. A failed push is logged (the URL redacted, no error text that
 * could echo it) and the next interval tries again; it never throws into the scheduler.
 */
export class UptimeKumaPusher {
  #failures = 0;

  public constructor(
    private readonly config: UptimeKumaConfig,
    private readonly logger: PushLogger,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Consecutive failed pushes (0 after a success). */
  public get failures(): number {
    return this.#failures;
  }

  /** Sends one beat; resolves `true` when Kuma answered 2xx. */
  public async push(beat: KumaBeat): Promise<boolean> {
    const url = new URL(this.config.pushUrl);
    url.searchParams.set('status', beat.status);
    url.searchParams.set('msg', beat.msg.slice(0, 200));
    url.searchParams.set('ping', beat.ping === undefined ? '' : String(Math.round(beat.ping)));
    const where = redactPushUrl(this.config.pushUrl);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer();
      if (!response.ok) {
        this.#failed({ url: where, status: response.status }, 'Uptime Kuma push refused');
        return false;
      }
      this.#failures = 0;
      return true;
    } catch (error) {
      const kind = error instanceof Error ? error.name : 'error';
      this.#failed({ url: where, error: kind }, 'Uptime Kuma push failed');
      return false;
    }
  }

  #failed(fields: Record<string, unknown>, message: string): void {
    this.#failures += 1;
    this.logger.warn({ ...fields, consecutiveFailures: this.#failures }, message);
  }
}
