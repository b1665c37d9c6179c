/** Ids as a scenario error lists them: `"a", "b", "c"`. */
export function quotedList(ids: Iterable<string>): string {
  return [...ids].map((id) => `"${id}"`).join(', ');
}
