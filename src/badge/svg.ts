import type { WebsiteRating } from '../models/website-rating.js';
import type { SiteMarks } from './marks.js';
import { RATING_COLORS } from './rating-colors.js';

export { RATING_COLORS };

/** What a badge shows: grams of CO2e per page view and the SWD rating (null: no rating scale). */
export interface BadgeInput {
  co2eG: number;
  rating: WebsiteRating | null;
  /** The measured page, named in the badge's `<title>`. */
  url?: string;
  /** A measured page's marks: "≥" for a lower bound, "few samples" (src/badge/marks.ts). */
  marks?: SiteMarks;
  /**
   * What a measured page's figure is, named in the `<title>`: the median of its field samples and
   * the days they cover, or its latest lab test.
   */
  figure?: { source: 'field'; clients: number; windowDays: number } | { source: 'lab'; testedAt: string };
}

export const BADGE_LABEL = 'CO₂e/view';
export const BADGE_HEIGHT_PX = 20;
const LABEL_COLOR = '#555';
const PADDING_PX = 6;

/**
 * Grams for display: 2 decimals from 0.01 g (0.31), 1 decimal from 10 g, none from 100 g (by
 * the rounded value: 9.996 → 10.0),
 * 2 significant digits below 0.01 g (0.0012), "< 0.0001" below that.
 */
export function formatGrams(grams: number): string {
  if (grams === 0) return '0';
  if (grams >= 99.95) return grams.toFixed(0);
  if (grams >= 9.995) return grams.toFixed(1);
  if (grams >= 0.01) return grams.toFixed(2);
  if (grams < 0.0001) return '< 0.0001';
  return String(Number(grams.toPrecision(2)));
}

/**
 * The value half of the badge: "0.31 g · E" (no rating: "0.31 g"); a lower bound reads
 * "≥ 0.31 g · E", a figure from few samples ends with " · few samples".
 */
export function badgeValueText(input: BadgeInput): string {
  const grams = `${input.marks?.lowerBound ? '≥ ' : ''}${formatGrams(input.co2eG)} g`;
  const value = input.rating ? `${grams} · ${input.rating}` : grams;
  return input.marks?.fewSamples ? `${value} · few samples` : value;
}

/** The `<title>`: what the badge says in words, and what its figure is made of. */
function badgeTitle(input: BadgeInput): string {
  const rated = input.rating ? `, rating ${input.rating}` : '';
  const bound = input.marks?.lowerBound ? 'at least ' : '';
  let title = `Carbon footprint per page view: ${bound}${formatGrams(input.co2eG)} g CO₂e${rated}`;
  if (input.url) title += ` (${input.url})`;
  const f = input.figure;
  if (f?.source === 'field')
    title += `; median of ${f.clients} sample${f.clients === 1 ? '' : 's'} of the last ${f.windowDays} days`;
  else if (f?.source === 'lab')
    title += `; lab test of ${f.testedAt.slice(0, 10)} (headless browser, cold cache)`;
  if (input.marks?.lowerBound) title += '; a lower bound: the size of some resources was not visible';
  return title;
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Advance widths of Verdana at 11 px, rounded to 0.5 px: enough for a stable layout.
const NARROW = new Set([..." .,:;!|il·'"]);
const MEDIUM = new Set([...'frtjI/()-₂']);
const WIDE = new Set([...'mwMW%+@']);

/** Deterministic width of `text` at 11 px Verdana, pixels (a function of its characters only). */
export function textWidthPx(text: string): number {
  let width = 0;
  for (const c of text) {
    if (NARROW.has(c)) width += 3.5;
    else if (MEDIUM.has(c)) width += 5;
    else if (WIDE.has(c)) width += 10;
    else if (c >= 'A' && c <= 'Z') width += 7.5;
    else width += 7;
  }
  return width;
}

/**
 * A two-part flat badge, "CO₂e/view | 0.31 g · E", coloured by rating; accessible
 * (`role="img"`, `aria-label`, `<title>`), every text escaped. Same input, same bytes.
 */
export function renderBadgeSvg(input: BadgeInput): string {
  const value = badgeValueText(input);
  const labelWidth = Math.round(textWidthPx(BADGE_LABEL) + 2 * PADDING_PX);
  const valueWidth = Math.round(textWidthPx(value) + 2 * PADDING_PX);
  const width = labelWidth + valueWidth;
  const color = RATING_COLORS[input.rating ?? 'none'];
  const aria = `${BADGE_LABEL}: ${value}`;
  const title = badgeTitle(input);
  const h = BADGE_HEIGHT_PX;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${escapeXml(aria)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<clipPath id="r"><rect width="${width}" height="${h}" rx="3"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="${h}" fill="${LABEL_COLOR}"/>` +
    `<rect x="${labelWidth}" width="${valueWidth}" height="${h}" fill="${color}"/></g>` +
    `<g fill="#fff" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">` +
    `<text x="${labelWidth / 2}" y="14">${escapeXml(BADGE_LABEL)}</text>` +
    `<text x="${labelWidth + valueWidth / 2}" y="14">${escapeXml(value)}</text></g></svg>`
  );
}
