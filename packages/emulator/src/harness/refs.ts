/** Anything with an id (a handle of the test API, or a discord.js structure), or an id. */
export type Ref = string | { readonly id: string };

/** The id a {@link Ref} stands for. */
export function idOf(ref: Ref): string {
  return typeof ref === 'string' ? ref : ref.id;
}
