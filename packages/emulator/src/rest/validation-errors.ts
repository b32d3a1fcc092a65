import type { ValidationErrors } from './discord-error.js';

/**
 * Collects field errors at nested paths into Discord's `errors` tree, e.g. path
 * `['options', 0, 'name']` becomes `{ options: { '0': { name: { _errors: [...] } } } }`.
 */
export class ErrorCollector {
  readonly #root: ValidationErrors = {};
  #count = 0;

  /** Records one error at `path`. */
  public add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.#root;
    for (const key of path) {
      const name = String(key);
      const child = node[name];
      if (child === undefined || Array.isArray(child)) {
        const created: ValidationErrors = {};
        node[name] = created;
        node = created;
      } else {
        node = child;
      }
    }
    const list = node._errors;
    if (Array.isArray(list)) list.push({ code, message });
    else node._errors = [{ code, message }];
    this.#count += 1;
  }

  /** Whether any error was recorded. */
  public get hasErrors(): boolean {
    return this.#count > 0;
  }

  /** The collected tree. */
  public get errors(): ValidationErrors {
    return this.#root;
  }
}
