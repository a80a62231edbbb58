/** Longest URL accepted for a site measurement, characters (as given). */
export const SITE_URL_MAX_CHARS = 2048;

export type SiteUrlResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * The key a page is stored under (docs/methodology.md, "Site measurements"): scheme and host in lower
 * case (IDN hosts in punycode), default port dropped, no query, no fragment, no trailing slash
 * except the root path. Only absolute http(s) URLs of at most 2,048 characters without user-info
 * are accepted.
 *
 * `normaliseSiteUrl('HTTPS://Example.COM:443/Docs/?q=1#top')` → `https://example.com/Docs`
 */
export function normaliseSiteUrl(input: string): SiteUrlResult {
  if (input.length > SITE_URL_MAX_CHARS) {
    return { ok: false, message: `Too long: at most ${SITE_URL_MAX_CHARS} characters.` };
  }
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return { ok: false, message: 'Not an absolute URL (expected http:// or https://).' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `Only http and https URLs are accepted, not '${parsed.protocol}'.` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, message: 'URLs with user-info (user:password@) are not accepted.' };
  }
  if (parsed.hostname === '') return { ok: false, message: 'The URL has no host.' };
  // URL already lower-cases the scheme and host, drops the default port and resolves dot segments.
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}
