/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code the resolver reports, with when it is reported and its default hint. `resolve()`
 * never throws: each `ZRX_*` code but `ZRX_RESOLVE_*` is a `Problem` in `plan.problems` (and,
 * when it keeps an extension out, in `plan.skipped`). Severity `error` means the extension will
 * not load; `warning` means it loads anyway. `ZRX_RESOLVE_*` are failures of the `zoryx-resolve`
 * CLI's input, thrown as {@link ResolverError}.
 *
 * @remarks The single source of these codes: {@link ProblemCode} values and
 * {@link ResolverErrorCode} are its keys, a {@link ResolverError} without its own hint takes the
 * one here, and docs/errors.md is generated from it (`node scripts/errors-doc.mjs`).
 */
export const resolverErrorCatalogue = {
  ZRX_MANIFEST_INVALID: {
    meaning:
      'the input is not an array; a manifest is not an object; its `name` is not a lowercase `[a-z0-9-_]` name; its `version` is missing or not semver; a `dependencies` / `optionalDependencies` / `conflicts` map is not an object, or one of its keys is not a valid name or its value not a semver range. The message names the field (`dependencies["voice"]`) and why. Unnamed input is cited by position (`manifests[3]`). A loaded extension\'s invalid manifest is a warning and is ignored; an extension listing itself in `conflicts` is a warning.',
    hint: 'Fix the named field: a semver version such as `"1.0.0"`, an npm range such as `"^1.2.0"` or `"*"`, a lowercase name (a suggestion is given).',
  },
  ZRX_NAME_NORMALIZED: {
    meaning:
      '(warning) a name or a dependency key contains whitespace; it is trimmed and each run of whitespace becomes `-` (`"leveling system"` → `leveling-system`)',
    hint: 'Rename it to the normalised name in the manifest.',
  },
  ZRX_DUPLICATE: {
    meaning:
      '(warning) several manifests carry one name: the highest version is used, the others are ignored (equal versions: chosen by content, never by input order). (error) a newcomer has the name of an already loaded extension.',
    hint: 'Remove the other copies; to replace a loaded extension, unload or reload it first.',
  },
  ZRX_DEP_MISSING: {
    meaning: 'a required dependency is neither among the manifests nor loaded',
    hint: 'Add the extension in a matching version, or move it to `optionalDependencies` if the dependent can run without it.',
  },
  ZRX_DEP_VERSION: {
    meaning:
      'a required dependency, or an optional one that is present, is present or loaded in a version outside the range (npm semantics: `^3.0.0` does not match `3.0.0-beta.1`)',
    hint: 'Provide a matching version, or widen the range (the hint shows one); for prereleases, name the prerelease in the range.',
  },
  ZRX_CONFLICT: {
    meaning:
      'an extension declares a conflict (name → range) with another that would load in a matching version: the declaring side is refused, both when both declare; against a loaded extension the newcomer is refused, whichever side declared',
    hint: 'Keep only one of the two, unload the loaded one first, or remove the entry from `conflicts` if they can run together (or `enforceConflicts: false`).',
  },
  ZRX_CYCLE: {
    meaning:
      "an extension sits on a dependency cycle; every member of every strongly connected component is reported with a closed `chain` starting at itself (`['a', 'b', 'c', 'a']`)",
    hint: 'Remove one dependency of the cycle (the hint names one), or move what they share into a new extension both depend on.',
  },
  ZRX_DEP_SKIPPED: {
    meaning:
      'a required dependency will not load, so neither will this extension (error), or it loads anyway with dependency enforcement off (warning), or it loads without an optional dependency that will not load (warning). The message tells the story from the root cause (PubGrub style) and names every other refused dependency; `chain` is the path to the root cause.',
    hint: 'Fix the root cause named in the hint (its own problem), and the dependents load too.',
  },
  ZRX_RESOLVE_INPUT: {
    meaning:
      '`zoryx-resolve`: the path does not exist, a file cannot be read, or a file is not valid JSON (the message names the file)',
    hint: 'Pass an existing JSON file or folder; fix the JSON syntax of the named file.',
  },
  ZRX_RESOLVE_USAGE: {
    meaning: '`zoryx-resolve`: no path, more than one path, or an unknown option',
    hint: 'Run `zoryx-resolve --help`.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code of {@link resolverErrorCatalogue}. */
export type ResolverCatalogueCode = keyof typeof resolverErrorCatalogue;
