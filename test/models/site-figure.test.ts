import { describe, expect, it } from 'vitest';
import {
  median,
  servedSiteFigure,
  siteFigure,
  utcDay,
  windowStartDay,
} from '../../src/models/site-figure.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([9, 1, 5, 3])).toBe(4);
    expect(median([0, 1e9])).toBe(5e8);
  });
});

describe('siteFigure', () => {
  const s = (bytes: number, firstView: boolean | null = null, coverage: number | null = null) => ({
    bytes,
    firstView,
    coverage,
  });

  it('is the median of the first views (unknown counts as a first view), clients all samples', () => {
    expect(siteFigure([s(1_000_000, true, 0.9), s(3_000_000, null, 0.7), s(10, false, 0.1)])).toEqual({
      bytes: 2_000_000,
      coverage: 0.8,
      clients: 3,
    });
  });

  it('falls back to every sample when none is a first view; null without samples', () => {
    expect(siteFigure([s(100, false), s(301, false)])).toEqual({ bytes: 201, coverage: null, clients: 2 });
    expect(siteFigure([])).toBeNull();
  });

  it('one honest majority outvotes any single value', () => {
    const honest = [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000].map((b) => s(b));
    for (const attack of [0, 1e9])
      expect(siteFigure([...honest, s(attack)])?.bytes).toBe(attack === 0 ? 1_150_000 : 1_250_000);
  });
});

describe('days', () => {
  it('counts UTC days since 1970 and windows of 30 days', () => {
    expect(utcDay(0)).toBe(0);
    expect(utcDay(Date.parse('2026-05-04T23:59:59.999Z'))).toBe(20577);
    expect(utcDay(Date.parse('2026-05-05T00:00:00.000Z'))).toBe(20578);
    expect(windowStartDay(20578)).toBe(20549);
  });
});

describe('servedSiteFigure', () => {
  it('serves the field figure from 3 clients, else the lab test, else the field figure', () => {
    const page = (fieldBytes: number | null, fieldClients: number, labBytes: number | null) => ({
      fieldBytes,
      fieldClients,
      labBytes,
    });
    expect(servedSiteFigure(page(2_000_000, 3, 900_000))).toEqual({ source: 'field', bytes: 2_000_000 });
    expect(servedSiteFigure(page(2_000_000, 2, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    expect(servedSiteFigure(page(null, 0, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    // a field figure whose samples all left the window (0 clients) gives way to a lab test
    expect(servedSiteFigure(page(2_000_000, 0, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    expect(servedSiteFigure(page(2_000_000, 1, null))).toEqual({ source: 'field', bytes: 2_000_000 });
    expect(servedSiteFigure(page(0, 5, 900_000))).toEqual({ source: 'field', bytes: 0 });
    expect(servedSiteFigure(page(null, 0, null))).toBeNull();
  });
});
