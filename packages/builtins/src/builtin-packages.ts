/**
 * Package specifiers of the built-in extensions, in load order. List the ones you want in
 * `config.json` under `extensions.packages` (leave one out to switch it off).
 */
export const builtinExtensionPackages = [
  '@zoryx/builtins/core',
  '@zoryx/builtins/registry',
  '@zoryx/builtins/hooks',
  '@zoryx/builtins/diagnostics',
  '@zoryx/builtins/limits',
] as const;
