/**
 * One broken Discord rule in a command payload.
 *
 * `path` points into the payload (`options[2].choices[0].name`; empty string for the command
 * itself), `rule` is a stable identifier (`name.pattern`, `options.count`…) and `message` names the
 * path, the limit and the offending value.
 */
export interface Violation {
  readonly path: string;
  readonly rule: ViolationRule;
  readonly message: string;
}

/** The stable rule identifiers `validateCommand` reports. */
export type ViolationRule =
  | 'shape'
  | 'type'
  | 'name.length'
  | 'name.pattern'
  | 'name.lowercase'
  | 'description.length'
  | 'description.forbidden'
  | 'options.forbidden'
  | 'options.count'
  | 'options.duplicate-name'
  | 'options.required-order'
  | 'options.mixed'
  | 'options.nesting'
  | 'options.empty-group'
  | 'option.type'
  | 'option.field'
  | 'choices.count'
  | 'choices.autocomplete'
  | 'choice.name.length'
  | 'choice.value.type'
  | 'choice.value.length'
  | 'value.range'
  | 'length.range'
  | 'localization.locale'
  | 'localization.value'
  | 'permissions.format'
  | 'contexts.value'
  | 'length.combined'
  | 'name.duplicate';
