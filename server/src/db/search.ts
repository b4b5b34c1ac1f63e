/** Escapes user text for use inside a RegExp: search input is never a pattern. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A case-insensitive "contains" match for a search box. Unanchored regexes scan, so
 * callers always combine it with an indexed owner filter and a bounded page.
 */
export const containsText = (text: string): { $regex: string; $options: string } => ({
  $regex: escapeRegExp(text.trim().slice(0, 100)),
  $options: 'i',
});
