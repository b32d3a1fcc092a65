import type { CommandErrorPayload } from '@zoryx/framework';
import type { RecordedCommandError } from './tools/tool-types.js';

/**
 * The last `size` command errors, from the framework's `command_error` hook event (each with the
 * error id the user saw), so `recent_errors` can look one up by id without the diagnostics
 * built-in being loaded.
 */
export class RecentErrors {
  readonly #list: RecordedCommandError[] = [];

  public constructor(private readonly size = 50) {}

  /** Records one `command_error` payload. */
  add(payload: CommandErrorPayload, at = Date.now()): void {
    this.#list.push({
      errorId: payload.errorId,
      command: payload.commandName,
      kind: payload.kind,
      message: payload.error.message,
      code: payload.error.code,
      guildId: payload.guildId,
      at,
    });
    if (this.#list.length > this.size) this.#list.shift();
  }

  /** Newest first. */
  list(): RecordedCommandError[] {
    return [...this.#list].reverse();
  }
}
