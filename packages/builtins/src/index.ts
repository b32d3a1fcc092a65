/** Package specifiers of the built-in extensions, in load order. */
export const builtinExtensionPackages = [
  '@zoryx/builtins/core',
  '@zoryx/builtins/registry',
  '@zoryx/builtins/hooks',
  '@zoryx/builtins/diagnostics',
  '@zoryx/builtins/limits',
] as const;
