/** Case- and width-insensitive: ＡＢＣ finds abc, ｶﾅ finds カナ, a full-width space is a space. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a board title matches the search box (every word of the query, in any order). */
export function matchesTitle(title: string, query: string): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const folded = fold(title);
  return words.every((w) => folded.includes(w));
}
