import { currentExtension, type ExtensionHost } from '@zoryx/loader';
import type { Logger } from 'pino';
import type { ExtensionFaults } from '../faults/extension-faults.js';
import { installProcessErrorHandlers } from '../faults/process-errors.js';

/** What the bot's process-wide handlers need. */
export interface ProcessHandlersOptions {
  /** SIGINT/SIGTERM shut the bot down gracefully and exit 0. */
  readonly signals: boolean;
  /** `uncaughtException`/`unhandledRejection` are logged, attributed and isolated. */
  readonly errors: boolean;
  readonly logger: Logger;
  readonly faults: ExtensionFaults;
  readonly extensions: ExtensionHost;
  shutdown(reason: string): Promise<void>;
}

/**
 * The handlers a bot installs on `process` when it owns the process (or worker thread): signals
 * and the process-wide error handlers of fault isolation. Installed by `start()`, removed at the
 * end of the shutdown. Both are off when the bot shares the process (tests, embedding), where
 * they would take decisions (exit codes) that belong to the host program.
 */
export class ProcessHandlers {
  readonly #options: ProcessHandlersOptions;
  #signalHandler: (() => void) | undefined;
  #removeErrorHandlers: (() => void) | undefined;

  constructor(options: ProcessHandlersOptions) {
    this.#options = options;
  }

  install(): void {
    const options = this.#options;
    if (options.signals && !this.#signalHandler) {
      // The handlers are `once`: a second Ctrl-C falls through to Node's default and kills the
      // process if a graceful shutdown hangs.
      const handler = () => {
        void options.shutdown('signal').finally(() => process.exit(0));
      };
      this.#signalHandler = handler;
      process.once('SIGINT', handler);
      process.once('SIGTERM', handler);
    }
    if (options.errors && !this.#removeErrorHandlers) {
      this.#removeErrorHandlers = installProcessErrorHandlers({
        logger: options.logger,
        faults: options.faults,
        // The running-extension context first; the stack for what runs outside any (e.g. a
        // queueMicrotask callback an extension scheduled).
        attribute: (error) => currentExtension() ?? options.extensions.extensionOfError(error),
        shutdown: (reason) => options.shutdown(reason),
      });
    }
  }

  remove(): void {
    if (this.#signalHandler) {
      process.off('SIGINT', this.#signalHandler);
      process.off('SIGTERM', this.#signalHandler);
      this.#signalHandler = undefined;
    }
    this.#removeErrorHandlers?.();
    this.#removeErrorHandlers = undefined;
  }
}
