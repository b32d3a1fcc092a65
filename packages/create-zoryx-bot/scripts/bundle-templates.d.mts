/** See bundle-templates.mjs. */
export declare const EXCLUDED: readonly string[];
export declare function publishedVersions(root: string): Promise<Record<string, string>>;
export declare function templateProblems(
  templateDir: string,
  versions: Record<string, string>,
): Promise<string[]>;
export declare function bundleTemplates(
  root: string,
  outDir: string,
): Promise<{ templates: string[]; versions: Record<string, string> }>;
