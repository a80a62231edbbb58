import { describe, expect, it } from 'vitest';
import { siteMarks } from '../../src/badge/marks.js';
import {
  BADGE_LABEL,
  badgeValueText,
  escapeXml,
  formatGrams,
  RATING_COLORS,
  renderBadgeSvg,
  textWidthPx,
} from '../../src/badge/svg.js';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('formatGrams', () => {
  it.each([
    [0, '0'],
    [0.3507099648, '0.35'],
    [0.305, '0.30'],
    [0.01, '0.01'],
    [0.0099, '0.0099'],
    [0.0012345, '0.0012'],
    [0.0001, '0.0001'],
    [0.00009, '< 0.0001'],
    [9.994, '9.99'],
    [9.996, '10.0'],
    [99.94, '99.9'],
    [99.97, '100'],
    [12.345, '12.3'],
    [144.17686652928, '144'],
    [1234.5, '1235'],
  ])('%d g → %s', (grams, text) => {
    expect(formatGrams(grams)).toBe(text);
  });
});

describe('renderBadgeSvg', () => {
  it('draws "CO₂e/view | 0.35 g · E" in the E colour, accessibly', () => {
    const svg = renderBadgeSvg({ co2eG: 0.3507099648, rating: 'E' });
    expect(badgeValueText({ co2eG: 0.3507099648, rating: 'E' })).toBe('0.35 g · E');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="CO₂e/view: 0.35 g · E"');
    expect(svg).toContain('<title>Carbon footprint per page view: 0.35 g CO₂e, rating E</title>');
    expect(svg).toContain('>CO₂e/view</text>');
    expect(svg).toContain('>0.35 g · E</text>');
    expect(svg).toContain(`fill="${RATING_COLORS.E}"`);
    // label: C O ₂ e / v i e w = 7.5+7.5+5+7+5+7+3.5+7+10 = 59.5 px + 2 × 6 padding = 71.5 → 72
    // value: "0.35 g · E" = 7+3.5+7+7+3.5+7+3.5+3.5+3.5+7.5 = 53 px + 12 = 65
    expect(textWidthPx(BADGE_LABEL)).toBe(59.5);
    expect(svg).toContain('width="137" height="20" viewBox="0 0 137 20"');
    expect(svg).toContain('<rect x="72" width="65" height="20"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('is deterministic, and its width follows the text', () => {
    const a = renderBadgeSvg({ co2eG: 0.31, rating: 'D' });
    expect(renderBadgeSvg({ co2eG: 0.31, rating: 'D' })).toBe(a);
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width(renderBadgeSvg({ co2eG: 0.31, rating: 'A+' }))).toBeGreaterThan(width(a));
    expect(width(renderBadgeSvg({ co2eG: 1234.5, rating: 'F' }))).toBeGreaterThan(width(a));
    expect(width(renderBadgeSvg({ co2eG: 0.31, rating: null }))).toBeLessThan(width(a));
  });

  it('shows no rating and a grey value for onebyte', () => {
    const svg = renderBadgeSvg({ co2eG: 0.5, rating: null });
    expect(svg).toContain('>0.50 g</text>');
    expect(svg).toContain(`fill="${RATING_COLORS.none}"`);
    expect(svg).not.toContain('rating');
  });

  it('escapes the page URL named in the title', () => {
    const url = 'https://example.com/a"b\'c<script>&amp;';
    const svg = renderBadgeSvg({ co2eG: 0.1, rating: 'B', url });
    expect(svg).toContain('(https://example.com/a&#34;b&#39;c&#60;script&#62;&#38;amp;)</title>');
    expect(svg).not.toContain('<script');
    expect(escapeXml(`<&>"'`)).toBe('&#60;&#38;&#62;&#34;&#39;');
  });

  it('uses rating colours dark enough for white text (WCAG AA, ≥ 4.5:1)', () => {
    for (const [rating, color] of Object.entries(RATING_COLORS)) {
      expect(contrast(color, '#ffffff'), rating).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('marks of a measured page', () => {
  it('says "≥" for a lower bound (median coverage under 0.8) and "few samples" under 3 samples', () => {
    expect(siteMarks(0.79, 3)).toEqual({ lowerBound: true, fewSamples: false });
    expect(siteMarks(0.8, 2)).toEqual({ lowerBound: false, fewSamples: true });
    expect(siteMarks(null, 0)).toEqual({ lowerBound: false, fewSamples: true });
    const both = { co2eG: 0.24, rating: 'D' as const, marks: siteMarks(0.5, 1) };
    expect(badgeValueText(both)).toBe('≥ 0.24 g · D · few samples');
    expect(badgeValueText({ co2eG: 0.24, rating: null, marks: siteMarks(0.5, 9) })).toBe('≥ 0.24 g');
    const svg = renderBadgeSvg({
      ...both,
      url: 'https://a.example/',
      figure: { source: 'field', clients: 1, windowDays: 30 },
    });
    expect(svg).toContain('aria-label="CO₂e/view: ≥ 0.24 g · D · few samples"');
    expect(svg).toContain(
      '<title>Carbon footprint per page view: at least 0.24 g CO₂e, rating D (https://a.example/); median of 1 ' +
        'sample of the last 30 days; a lower bound: the size of some resources was not visible</title>',
    );
    // the value part grows with its text
    const plain = renderBadgeSvg({ co2eG: 0.24, rating: 'D' });
    const width = (s: string) => Number(/width="(\d+)"/.exec(s)?.[1]);
    expect(width(svg)).toBeGreaterThan(width(plain) + 60);
  });

  it('marks a lab figure neither "few samples" nor a lower bound, and names the lab test in the title', () => {
    // a lab figure: coverage 1, and the page's field clients (here 1) do not make it "few samples"
    expect(siteMarks(1, 1, 'lab')).toEqual({ lowerBound: false, fewSamples: false });
    expect(siteMarks(1, 0, 'field')).toEqual({ lowerBound: false, fewSamples: true });
    // an answer cached before `source` existed is a field figure
    expect(siteMarks(0.9, 2, undefined)).toEqual({ lowerBound: false, fewSamples: true });
    const svg = renderBadgeSvg({
      co2eG: 0.13,
      rating: 'B',
      url: 'https://a.example/',
      marks: siteMarks(1, 1, 'lab'),
      figure: { source: 'lab', testedAt: '2026-11-27T16:30:43.270Z' },
    });
    expect(svg).toContain('aria-label="CO₂e/view: 0.13 g · B"');
    expect(svg).toContain(
      '<title>Carbon footprint per page view: 0.13 g CO₂e, rating B (https://a.example/); lab test of ' +
        '2026-11-27 (headless browser, cold cache)</title>',
    );
  });
});
