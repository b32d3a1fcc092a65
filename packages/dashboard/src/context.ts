import type { ExtensionContext } from '@zoryx/framework';
import type { DashboardConfig } from './config.js';

/** The dashboard extension's `ctx`. */
export type DashboardContext = ExtensionContext<DashboardConfig>;
