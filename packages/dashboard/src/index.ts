// The public face of @zoryx/dashboard: the extension (default export, loaded by listing the
// package in `extensions.packages`), its API and config types, the extension-page data types,
// the permission table, and the error catalogue.
import { dashboardExtension } from './extension.js';

export default dashboardExtension;
export {
  PERMISSIONS,
  type Permission,
  type Principal,
  ROLES,
  type Role,
} from './auth/permissions.js';
export type { DashboardConfig, DashboardConfigInput } from './config.js';
export { dashboardConfigSchema } from './config.js';
export { DashboardError, type DashboardErrorCode, dashboardErrorCatalogue } from './errors.js';
export { type DashboardApi, dashboardExtension } from './extension.js';
export {
  type DashboardPageData,
  type DashboardWidget,
  dashboardPageSchema,
} from './pages/extension-pages.js';
