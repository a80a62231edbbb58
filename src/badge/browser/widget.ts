// <empreinte-badge>: measures the page it is on (or shows another one) and renders its footprint.
// Browser code without runtime dependencies, bundled and minified by `npm run build:badge` into
// ../widget.generated.ts (served at GET /badge.js). It must never throw into the host page.

import { siteMarks } from '../marks.js';
import { RATING_COLORS } from '../rating-colors.js';

interface Site {
  co2e_g: number;
  rating: string | null;
  cleaner_than: number;
  coverage?: number | null;
  clients?: number;
  source?: string;
}

interface Cached {
  at: number;
  site: Site;
}

/** What one view of the page transferred, as sent to POST /v1/sites/measurements. */
interface Measurement {
  url: string;
  bytes: number;
  coverage: number;
  first_view: boolean;
}

const CACHE_MS = 24 * 60 * 60 * 1000;
const TAG = 'empreinte-badge';
/** The network is taken as settled after this long without a new resource… */
const QUIET_MS = 2000;
/** …or this long after the load event, whichever comes first. */
const SETTLE_MAX_MS = 15_000;
/** Resource Timing entries kept by the browser (default 250: later resources would not be seen). */
const BUFFER_SIZE = 100_000;
/** The browser's default buffer: that many entries before the badge ran means some may be lost. */
const DEFAULT_BUFFER = 250;

const STYLE =
  ':host{display:inline-block;font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'a{display:inline-flex;gap:.7em;align-items:center;padding:.45em .75em;border:1px solid;border-radius:6px;text-decoration:none;color:inherit}' +
  '.l{background:#fff;color:#1a1a1a;border-color:#d0d7de}.d{background:#1e1e1e;color:#f2f2f2;border-color:#4a4a4a}' +
  'b{font-weight:600}small{display:block;font-size:11px;opacity:.85}' +
  'i{font-style:normal;font-weight:700;color:#fff;padding:.15em .45em;border-radius:4px;background:#555}';

/** The origin badge.js was loaded from: the default API. */
function scriptOrigin(): string {
  try {
    const script =
      (document.currentScript as HTMLScriptElement | null) ??
      document.querySelector<HTMLScriptElement>('script[src*="/badge.js"]');
    return script ? new URL(script.src, location.href).origin : '';
  } catch {
    return '';
  }
}

const ORIGIN = scriptOrigin();
const pending = new Map<string, Promise<Site>>();

// Watch the network from the moment the script runs: a larger buffer so resources past the 250th
// are kept, and an observer that notes each new resource (the settle timer restarts on it).
/** Entries may have been dropped before the buffer was raised. */
let overflowed = false;
let lastResourceAt = 0;
try {
  overflowed = performance.getEntriesByType('resource').length >= DEFAULT_BUFFER;
  performance.setResourceTimingBufferSize(BUFFER_SIZE);
  new PerformanceObserver(() => {
    lastResourceAt = performance.now();
  }).observe({ type: 'resource', buffered: true });
} catch {
  // An old browser: the load event alone decides.
}

/** Same display rule as the SVG badge (src/badge/svg.ts formatGrams). */
function grams(g: number): string {
  if (g === 0) return '0';
  if (g >= 99.95) return g.toFixed(0);
  if (g >= 9.995) return g.toFixed(1);
  if (g >= 0.01) return g.toFixed(2);
  if (g < 0.0001) return '< 0.0001';
  return String(Number(g.toPrecision(2)));
}

function readCache(key: string): Site | null {
  try {
    const cached = JSON.parse(localStorage.getItem(key) ?? 'null') as Cached | null;
    return cached && Date.now() - cached.at < CACHE_MS && cached.site ? cached.site : null;
  } catch {
    return null;
  }
}

function writeCache(key: string, site: Site): void {
  try {
    localStorage.setItem(key, JSON.stringify({ at: Date.now(), site } satisfies Cached));
  } catch {
    // Storage full or disabled: the badge still shows the answer.
  }
}

/** Resolves once the page has loaded and its network has been quiet for 2 s (at most 15 s after load). */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const start = () => {
      const loadedAt = performance.now();
      const check = () => {
        const now = performance.now();
        if (now - Math.max(lastResourceAt, loadedAt) >= QUIET_MS || now - loadedAt >= SETTLE_MAX_MS)
          resolve();
        else setTimeout(check, 200);
      };
      check();
    };
    if (document.readyState === 'complete') start();
    else addEventListener('load', start, { once: true });
  });
}

/**
 * One view of this page: bytes of the navigation and of every resource (transferSize, else
 * encodedBodySize; a revalidated (304) resource as its encodedBodySize, the size a first view
 * transfers), the badge's own traffic excluded. coverage = resources of known size ÷ resources;
 * first_view: the navigation did not come from the cache and nothing was revalidated.
 */
function measurePage(api: string): Measurement {
  let bytes = 0;
  let known = 0;
  let seen = 0;
  let firstView = true;
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ] as (PerformanceResourceTiming & { responseStatus?: number })[];
  for (const e of entries) {
    if (e.name.startsWith(`${api}/badge.js`) || e.name.startsWith(`${api}/v1/`)) continue;
    seen++;
    const transferred = e.transferSize;
    const body = e.encodedBodySize;
    const revalidated = e.responseStatus === 304 || (transferred > 0 && transferred < body);
    const fromCache = e.entryType === 'navigation' && transferred === 0 && body > 0;
    if (revalidated || fromCache) firstView = false;
    const size = revalidated ? body : transferred || body;
    if (size > 0) {
      known++;
      bytes += size;
    }
  }
  let coverage = seen ? known / seen : 0;
  if (overflowed) coverage = Math.min(coverage, 0.5);
  return {
    url: location.origin + location.pathname,
    bytes: Math.round(bytes),
    coverage: Math.round(coverage * 1e4) / 1e4,
    first_view: firstView,
  };
}

async function answer(res: Response): Promise<Site> {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const site = (await res.json()) as Site;
  if (typeof site.co2e_g !== 'number' || typeof site.cleaner_than !== 'number') throw new Error('bad answer');
  return site;
}

async function measure(api: string): Promise<Site> {
  await settled();
  return answer(
    await fetch(`${api}/v1/sites/measurements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(measurePage(api)),
    }),
  );
}

async function lookUp(api: string, url: string): Promise<Site> {
  return answer(await fetch(`${api}/v1/sites?url=${encodeURIComponent(url)}`));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

class EmpreinteBadge extends HTMLElement {
  connectedCallback(): void {
    try {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      // A constructed sheet is CSSOM, which a host page's CSP (style-src without 'unsafe-inline') allows.
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
        root.adoptedStyleSheets = [sheet];
      } catch {
        root.append(el('style', STYLE));
      }
      const box = el('span');
      root.append(box);
      this.start(box).catch(() => undefined);
    } catch {
      // Never into the host page.
    }
  }

  private async start(box: HTMLElement): Promise<void> {
    const api = (this.getAttribute('api') || ORIGIN).replace(/\/+$/, '');
    const other = this.getAttribute('url');
    const url = other || location.origin + location.pathname;
    const key = `empreinte:${url}`;
    const cached = readCache(key);
    this.render(box, api, cached ?? undefined);
    if (cached) return;
    try {
      if (!api) throw new Error('no API origin');
      let request = pending.get(key);
      if (!request) {
        request = other ? lookUp(api, url) : measure(api);
        pending.set(key, request);
      }
      const site = await request;
      writeCache(key, site);
      this.render(box, api, site);
    } catch {
      this.render(box, api, null);
    }
  }

  /** `undefined`: measuring; `null`: no result. */
  private render(box: HTMLElement, api: string, site: Site | null | undefined): void {
    const theme = this.getAttribute('theme');
    const dark =
      theme === 'dark' ||
      (theme !== 'light' &&
        typeof matchMedia === 'function' &&
        matchMedia('(prefers-color-scheme: dark)').matches);
    const link = el('a');
    link.className = dark ? 'd' : 'l';
    link.href = `${api}/#methodology`;
    link.target = '_blank';
    link.rel = 'noopener';
    link.title = 'How Empreinte estimates this (Sustainable Web Design model)';
    const text = el('span');
    if (site) {
      // An answer cached before these fields existed carries no marks; a lab figure is never "few samples".
      const marks = siteMarks(site.coverage, site.clients ?? Number.POSITIVE_INFINITY, site.source);
      text.append(
        el('b', `${marks.lowerBound ? '≥ ' : ''}${grams(site.co2e_g)} g CO₂e/view`),
        el(
          'small',
          `Cleaner than ${Math.round(site.cleaner_than * 100)}% of pages tested${marks.fewSamples ? ' · few samples' : ''}`,
        ),
      );
      link.append(text);
      if (site.rating) {
        const rating = el('i', site.rating);
        rating.style.background =
          RATING_COLORS[site.rating as keyof typeof RATING_COLORS] ?? RATING_COLORS.none;
        link.append(rating);
      }
    } else {
      text.append(el('b', site === null ? 'No result' : 'Measuring…'), el('small', 'Empreinte CO₂e'));
      link.append(text);
    }
    box.replaceChildren(link);
  }
}

try {
  if (!customElements.get(TAG)) customElements.define(TAG, EmpreinteBadge);
} catch {
  // No custom elements (very old browser): nothing to show, nothing thrown.
}
