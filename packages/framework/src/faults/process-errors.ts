import type { Logger } from 'pino';
import { createErrorId } from '../logging/error-id.js';
import type { ExtensionFaults } from './extension-faults.js';

/** What the process-wide error handlers need from the bot. */
export interface ProcessErrorOptions {
  readonly logger: Logger;
  readonly faults: ExtensionFaults;
  /**
   * The extension an error belongs to: the running-extension context first (Node runs these
   * handlers in the async context of the failing callback or promise), else the error's stack.
   */
  attribute(error: unknown): string | undefined;
  /** Shuts the bot down gracefully (called once, for an unattributable uncaught exception). */
  shutdown(reason: string): Promise<void>;
  /** Ends the process (or worker thread) with this code. Default `process.exit`. */
  exit?: (code: number) => void;
  /** How long the graceful shutdown may take before the exit is forced. Default 15 s. */
  shutdownTimeoutMs?: number;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Installs `uncaughtException` and `unhandledRejection` handlers so that no error vanishes and one
 * broken extension never takes the bot down:
 * - an error attributable to an extension is logged with an error id and the extension's name
 *   (`ZRX_EXTENSION_FAULT`) and counted as its fault (which may quarantine it); the bot keeps
 *   serving;
 * - an unattributable uncaught exception is logged (`ZRX_UNCAUGHT_EXCEPTION`) and shuts the bot
 *   down gracefully, then exits with code 1: the state may be corrupt, and a process manager (or
 *   the supervisor, for a worker) starts it again;
 * - an unattributable unhandled rejection is logged (`ZRX_UNHANDLED_REJECTION`), never fatal.
 * Returns a function that removes the handlers.
 */
export function installProcessErrorHandlers(options: ProcessErrorOptions): () => void {
  const { logger, faults } = options;
  let fatal = false;

  const onException = (error: unknown): void => {
    try {
      const extension = options.attribute(error);
      if (extension !== undefined) {
        faults.report(extension, 'uncaught-exception', error);
        return;
      }
      const errorId = createErrorId();
      logger.fatal(
        { err: error, errorId, code: 'ZRX_UNCAUGHT_EXCEPTION' },
        `uncaught exception outside any extension (error id ${errorId}): shutting down, the state may be corrupt`,
      );
      if (fatal) return;
      fatal = true;
      exitAfterShutdown(options);
    } catch {
      // The handler itself failed: do what Node would have done without it.
      process.exitCode = 1;
      (options.exit ?? process.exit)(1);
    }
  };

  const onRejection = (reason: unknown): void => {
    try {
      const extension = options.attribute(reason);
      if (extension !== undefined) {
        faults.report(extension, 'unhandled-rejection', reason);
        return;
      }
      const errorId = createErrorId();
      logger.error(
        { err: reason, errorId, code: 'ZRX_UNHANDLED_REJECTION' },
        `unhandled promise rejection outside any extension (error id ${errorId}); the bot keeps running`,
      );
    } catch {
      // never throw from here: that would turn a rejection into a crash
    }
  };

  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

function exitAfterShutdown(options: ProcessErrorOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  process.exitCode = 1;
  // Not unref'd: a shutdown that hangs on an open handle must still end the process.
  const force = setTimeout(() => exit(1), options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  void options
    .shutdown('uncaught exception')
    .catch(() => undefined)
    .finally(() => {
      clearTimeout(force);
      exit(1);
    });
}
