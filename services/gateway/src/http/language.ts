export type Lang = 'nl' | 'en';

/**
 * The caller's language from `Accept-Language`: the first of Dutch or English by preference
 * (q-values honoured), Dutch when neither is asked for.
 */
export function languageOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'nl';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.split('-')[0]!, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'nl' || primary === 'en') return primary;
  }
  return 'nl';
}
