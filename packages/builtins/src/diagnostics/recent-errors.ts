import type { CommandErrorPayload } from './error-rate.js';

/** One failed command as `fw_errors` lists it. */
export interface RecordedError {
  readonly command: string;
  readonly kind: CommandErrorPayload['kind'];
  readonly userId: string;
  readonly guildId: string | null;
  readonly message: string;
  readonly code: string | undefined;
  /** The id the user saw in the error reply and the log line carries. */
  readonly errorId: string;
  /** Wall time, ms. */
  readonly at: number;
}

/** The last `size` (20) command errors, newest last. */
export class RecentErrors {
  readonly #list: RecordedError[] = [];

  constructor(private readonly size = 20) {}

  /** Records a `command_error` payload. */
  add(payload: CommandErrorPayload, at: number): void {
    this.#list.push({
      command: payload.commandName,
      kind: payload.kind,
      userId: payload.userId,
      guildId: payload.guildId,
      message: payload.error.message,
      code: payload.error.code,
      errorId: payload.errorId,
      at,
    });
    if (this.#list.length > this.size) this.#list.shift();
  }

  /** Newest first. */
  list(): RecordedError[] {
    return [...this.#list].reverse();
  }
}
