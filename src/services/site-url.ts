/** Longest stored URL, characters, after normalisation (percent-encoding included). */
export const SITE_URL_MAX_CHARS = 2048;
/** Longest URL accepted as input, characters: bounds the parser's work before normalisation. */
export const SITE_URL_INPUT_MAX_CHARS = 8192;
/** Longest host name, characters (RFC 1035's 253 for a DNS name). */
export const SITE_HOST_MAX_CHARS = 253;

export type SiteUrlResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * The key a page is stored under (docs/badge.md): scheme and host in lower case (IDN hosts in
 * punycode), default port dropped, no query, no fragment, no trailing slash except the root path.
 * Only absolute http(s) URLs without user-info, with a host of at most 253 characters and at most
 * 2,048 characters once normalised, are accepted.
 *
 * `normaliseSiteUrl('HTTPS://Example.COM:443/Docs/?q=1#top')` → `https://example.com/Docs`
 */
export function normaliseSiteUrl(input: string): SiteUrlResult {
  if (input.length > SITE_URL_INPUT_MAX_CHARS) {
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
  if (parsed.hostname.length > SITE_HOST_MAX_CHARS) {
    return { ok: false, message: `The host is too long: at most ${SITE_HOST_MAX_CHARS} characters.` };
  }
  // URL already lower-cases the scheme and host, drops the default port and resolves dot segments.
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  const url = `${parsed.protocol}//${parsed.host}${path}`;
  if (url.length > SITE_URL_MAX_CHARS) {
    return {
      ok: false,
      message: `Too long: ${url.length} characters once normalised (percent-encoded), at most ${SITE_URL_MAX_CHARS}.`,
    };
  }
  return { ok: true, url };
}

/**
 * Whether an `Origin` request header names the origin of a normalised page URL (scheme, host and
 * port compared after the same normalisation). `null`, opaque or malformed origins never match.
 */
export function isOriginOf(originHeader: string, url: string): boolean {
  try {
    const origin = new URL(originHeader).origin;
    return origin !== 'null' && origin === new URL(url).origin;
  } catch {
    return false;
  }
}
