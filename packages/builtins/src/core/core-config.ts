import type { ExtensionContext } from '@zoryx/framework';
import { z } from 'zod';
import {
  DEFAULT_VIEW_TIMEOUT_MS,
  extensionViewOptions,
  type ViewOptions,
} from '../shared/interactive-view.js';

/** The `core` extension's config (`extensions.config.core` in config.json). */
export const coreConfigSchema = z.object({
  /** Idle seconds before interactive views (help, extensions) disable their controls. */
  viewTimeoutSeconds: z
    .number()
    .min(1)
    .max(840)
    .default(DEFAULT_VIEW_TIMEOUT_MS / 1000),
});

/** The validated `core` config. */
export type CoreConfig = z.output<typeof coreConfigSchema>;

/**
 * View options of the core commands, from the running load's `ctx`: the configured idle
 * timeout, ending when core unloads. (A command's `ctx.config` is the config the loader
 * validated with {@link coreConfigSchema}; it is typed `unknown` there, so it is read back
 * through the schema.)
 */
export function coreViewOptions(ctx: ExtensionContext): ViewOptions {
  const config = coreConfigSchema.safeParse(ctx.config ?? {});
  const seconds = config.success ? config.data.viewTimeoutSeconds : DEFAULT_VIEW_TIMEOUT_MS / 1000;
  return extensionViewOptions(ctx, seconds * 1000);
}
