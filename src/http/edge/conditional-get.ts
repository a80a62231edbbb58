/** Catalog GETs: answers that depend only on the factor data version and the URL. */
export const CATALOG_PATH = /^\/v1\/(providers|grid-intensity|sources)(\/|$)/;
export const CATALOG_CACHE_CONTROL = 'public, max-age=300';

/** FNV-1a, 32 bits, base 36: a cheap, stable digest of a URL for ETags. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Strong ETag of a catalog answer: the factor data version and the path with its query. */
export function catalogEtag(dataVersion: string, pathAndQuery: string): string {
  return `"${dataVersion.replace(/[^\x21\x23-\x7e]/g, '')}.${fnv1a(pathAndQuery)}"`;
}

/** The catalog ETag of a request URL (its path and query). */
export function catalogEtagOfUrl(dataVersion: string, url: string): string {
  return catalogEtag(dataVersion, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
}

/** If-None-Match matches (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.slice(1, -1);
  for (const part of ifNoneMatch.split(',')) {
    const t = part.trim();
    const v = t.startsWith('W/') ? t.slice(2) : t;
    if (v === etag || v === bare) return true;
  }
  return false;
}
