/**
 * Old id (in the snapshot) → new id (in the live guild) of every role, channel, emoji and
 * sticker a restore matched or created. The guild's own id maps to the target guild (the
 * `@everyone` role's id is the guild's id). Users keep their ids.
 */
export class IdMap {
  readonly #ids = new Map<string, string>();

  public constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [from, to] of entries) this.#ids.set(from, to);
  }

  /** Records that `oldId` is now `newId`. */
  public set(oldId: string, newId: string): void {
    this.#ids.set(oldId, newId);
  }

  /** The new id of `oldId`, if it was mapped. */
  public get(oldId: string): string | undefined {
    return this.#ids.get(oldId);
  }

  /** Whether `oldId` is mapped. */
  public has(oldId: string): boolean {
    return this.#ids.has(oldId);
  }

  /** The new id of `oldId`, or `oldId` itself (users, and ids the restore did not touch). */
  public resolve(oldId: string): string {
    return this.#ids.get(oldId) ?? oldId;
  }

  /** The live ids already taken by a mapping. */
  public targets(): Set<string> {
    return new Set(this.#ids.values());
  }

  /** Every mapping, as a plain object (for the `backup` hook's `ids`). */
  public toRecord(): Record<string, string> {
    return Object.fromEntries(this.#ids);
  }

  /**
   * Rewrites ids inside text (`<@&role>`, `<#channel>`, `<:name:emoji>` and bare snowflakes):
   * every mapped id is replaced, anything else is left alone.
   */
  public rewriteText(text: string): string {
    return text.replace(/\d{17,20}/g, (id) => this.#ids.get(id) ?? id);
  }

  /** {@link rewriteText} applied to every string (keys included) of a JSON value. */
  public rewriteJson<T>(value: T): T {
    if (typeof value === 'string') return this.rewriteText(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.rewriteJson(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, member]) => [
          this.rewriteText(key),
          this.rewriteJson(member),
        ]),
      ) as T;
    }
    return value;
  }
}
