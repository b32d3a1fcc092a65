export type { Answers } from './answers';
export { type CliArgs, parseCliArgs, USAGE } from './args';
export { CreateError, type CreateErrorCode } from './create-error';
export { createErrorCatalogue } from './errors';
export { projectPackageJson, publishedRange } from './package-json';
export { detectPackageManager, PACKAGE_MANAGERS, type PackageManager } from './package-manager';
export { type CreateIo, EXIT, run, TEMPLATES_DIR_ENV } from './run';
export { discoverTemplates, type TemplateInfo } from './templates';
