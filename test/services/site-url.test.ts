import { describe, expect, it } from 'vitest';
import { isOriginOf, normaliseSiteUrl, SITE_URL_MAX_CHARS } from '../../src/services/site-url.js';

describe('normaliseSiteUrl', () => {
  it.each([
    // scheme and host in lower case, path case kept
    ['HTTPS://Example.COM/Blog/Post', 'https://example.com/Blog/Post'],
    ['HTTP://WWW.EXAMPLE.ORG', 'http://www.example.org/'],
    // default ports dropped, others kept
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:443/a', 'http://example.com:443/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    // no query, no fragment
    ['https://example.com/a?utm_source=x&b=2', 'https://example.com/a'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/?q=1#top', 'https://example.com/'],
    ['https://example.com/a/?q=1', 'https://example.com/a'],
    // no trailing slash except the root
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/docs/', 'https://example.com/docs'],
    ['https://example.com/docs///', 'https://example.com/docs'],
    ['https://example.com//', 'https://example.com/'],
    // dot segments resolved, spaces and non-ASCII percent-encoded, IDN hosts in punycode
    ['https://example.com/a/./b/../c/', 'https://example.com/a/c'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['https://example.com/café', 'https://example.com/caf%C3%A9'],
    ['https://Bücher.example/', 'https://xn--bcher-kva.example/'],
    // IP hosts
    ['http://127.0.0.1:8080/page.html', 'http://127.0.0.1:8080/page.html'],
    ['http://[::1]:3000/', 'http://[::1]:3000/'],
    // surrounding whitespace is not part of a URL
    ['  https://example.com/a  ', 'https://example.com/a'],
    // an empty user-info is no user-info
    ['https://@example.com/a', 'https://example.com/a'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseSiteUrl(input)).toEqual({ ok: true, url: expected });
  });

  it('is idempotent', () => {
    for (const input of ['HTTPS://A.example:443/x/?y#z', 'http://b.example', 'https://c.example/d/e/']) {
      const once = normaliseSiteUrl(input);
      if (!once.ok) throw new Error(input);
      expect(normaliseSiteUrl(once.url)).toEqual(once);
    }
  });

  it.each([
    ['ftp://example.com/file', /Only http and https/],
    ['javascript:alert(1)', /Only http and https/],
    ['file:///etc/passwd', /Only http and https/],
    ['data:text/html,hi', /Only http and https/],
    ['mailto:someone@example.com', /Only http and https/],
    ['example.com/page', /Not an absolute URL/],
    ['/relative/path', /Not an absolute URL/],
    ['', /Not an absolute URL/],
    ['https://', /Not an absolute URL/],
    ['https://user@example.com/', /user-info/],
    ['https://user:secret@example.com/', /user-info/],
    ['https://:secret@example.com/', /user-info/],
  ])('refuses %s', (input, message) => {
    const r = normaliseSiteUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it(`accepts ${SITE_URL_MAX_CHARS} characters and refuses one more`, () => {
    const base = 'https://example.com/';
    const longest = base + 'a'.repeat(SITE_URL_MAX_CHARS - base.length);
    expect(longest).toHaveLength(2048);
    expect(normaliseSiteUrl(longest)).toEqual({ ok: true, url: longest });
    const r = normaliseSiteUrl(`${longest}a`);
    expect(r).toEqual({
      ok: false,
      message: 'Too long: 2049 characters once normalised (percent-encoded), at most 2048.',
    });
  });

  it('counts the length after normalisation: percent-encoding grows it, a dropped query shrinks it', () => {
    const base = 'https://example.com/';
    // 'é' is 1 character given, 6 once encoded (%C3%A9): 342 of them make 20 + 2,052 characters
    expect(normaliseSiteUrl(base + 'é'.repeat(342))).toMatchObject({ ok: false });
    expect(normaliseSiteUrl(base + 'é'.repeat(338))).toMatchObject({ ok: true });
    const long = `${base}page?${'q'.repeat(6000)}`;
    expect(normaliseSiteUrl(long)).toEqual({ ok: true, url: `${base}page` });
    // beyond 8,192 characters given, the URL is not even parsed
    expect(normaliseSiteUrl(`${base}page?${'q'.repeat(8200)}`)).toMatchObject({ ok: false });
  });

  it('limits the host to 253 characters', () => {
    const label = 'a'.repeat(63);
    const host253 = `${label}.${label}.${label}.${'b'.repeat(61)}`;
    expect(host253).toHaveLength(253);
    expect(normaliseSiteUrl(`https://${host253}/`)).toEqual({ ok: true, url: `https://${host253}/` });
    expect(normaliseSiteUrl(`https://${host253}c/`)).toEqual({
      ok: false,
      message: 'The host is too long: at most 253 characters.',
    });
  });
});

describe('isOriginOf', () => {
  it.each([
    ['https://www.example.org', 'https://www.example.org/blog', true],
    ['HTTPS://WWW.EXAMPLE.ORG:443', 'https://www.example.org/blog', true],
    ['http://localhost:8080', 'http://localhost:8080/a', true],
    ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example/', true],
    ['https://Bücher.example', 'https://xn--bcher-kva.example/', true],
    ['http://www.example.org', 'https://www.example.org/blog', false],
    ['https://example.org', 'https://www.example.org/blog', false],
    ['https://www.example.org:8443', 'https://www.example.org/blog', false],
    ['https://www.example.org.attacker.example', 'https://www.example.org/blog', false],
    ['null', 'https://www.example.org/blog', false],
    ['', 'https://www.example.org/blog', false],
    ['not an origin', 'https://www.example.org/blog', false],
  ])('Origin %s for %s: %s', (origin, url, expected) => {
    expect(isOriginOf(origin, url)).toBe(expected);
  });
});
