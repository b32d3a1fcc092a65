import { defineExtension } from '@zoryx/framework';
import {
  DIAGNOSTICS,
  fwAlertChannelCommand,
  fwDiagnosticsCommand,
  fwErrorsCommand,
  fwHistoryCommand,
} from './diagnostics-commands.js';
import { diagnosticsConfigSchema } from './diagnostics-config.js';
import { DiagnosticsService } from './diagnostics-service.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /** The public API of the built-in extension (what its `setup` returns). */
    diagnostics: DiagnosticsService;
  }
}

/**
 * The diagnostics built-in: `fw_diagnostics`, `fw_history`, `fw_errors`, `fw_alert_channel`,
 * and a background health check (every 5 minutes by default) that alerts on degraded/critical
 * health and on event-loop lag. Config: `extensions.config.diagnostics`
 * (`lagThresholdMs`, `lagSampleSeconds`, `checkIntervalMinutes`).
 */
export default defineExtension({
  name: DIAGNOSTICS,
  version: '0.1.0',
  description: 'Health, resource use, event-loop lag and command errors of the bot',
  author: 'Zoryx',
  config: diagnosticsConfigSchema,
  commands: [fwDiagnosticsCommand, fwHistoryCommand, fwErrorsCommand, fwAlertChannelCommand],
  setup(ctx) {
    const service = new DiagnosticsService({
      client: ctx.client,
      store: ctx.store,
      config: ctx.config,
      logger: ctx.logger,
    });
    ctx.onDispose(() => service.stop());
    ctx.hooks.on('command_executed', () => service.commandSucceeded(), { id: 'count-success' });
    ctx.hooks.on('command_error', (payload) => service.commandFailed(payload), {
      id: 'count-error',
    });
    ctx.schedule.every(ctx.config.lagSampleSeconds * 1000, () => service.lag.read());
    ctx.schedule.every(ctx.config.checkIntervalMinutes * 60_000, () => service.check(), {
      immediate: true,
    });
    return service;
  },
});

export { alertsFor, type CheckState, type DiagnosticsAlert } from './alert-rules.js';
export { type DiagnosticsConfig, defaultDiagnosticsConfig } from './diagnostics-config.js';
export { DiagnosticsService, type HealthCheckResult } from './diagnostics-service.js';
export {
  type CommandErrorPayload,
  type ErrorRate,
  isUnknownCommand,
  RollingErrorRate,
} from './error-rate.js';
export { type Health, healthOf } from './health.js';
export { LagSampler } from './lag-sampler.js';
export type { HealthSnapshot } from './snapshot.js';
