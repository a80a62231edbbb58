import type { WebsiteRating } from '../models/website-rating.js';

/**
 * Background per rating, dark enough for white 11 px text (contrast ≥ 4.5:1, WCAG AA), from
 * green (A+) to red (F); grey when there is no rating. Shared by the SVG badge and the widget.
 */
export const RATING_COLORS: Readonly<Record<WebsiteRating | 'none', string>> = {
  'A+': '#1b5e20',
  A: '#2e7d32',
  B: '#4d7c0f',
  C: '#7c6a00',
  D: '#b45309',
  E: '#c2410c',
  F: '#b91c1c',
  none: '#555555',
};
