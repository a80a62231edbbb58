import { describe, expect, it } from 'vitest';
import { websiteRating } from '../../src/models/website-rating.js';

describe('websiteRating', () => {
  it('swd-v4 thresholds are inclusive', () => {
    expect(websiteRating(0, 'swd-v4')).toBe('A+');
    expect(websiteRating(0.04, 'swd-v4')).toBe('A+');
    expect(websiteRating(0.0401, 'swd-v4')).toBe('A');
    expect(websiteRating(0.079, 'swd-v4')).toBe('A');
    expect(websiteRating(0.145, 'swd-v4')).toBe('B');
    expect(websiteRating(0.1482, 'swd-v4')).toBe('C');
    expect(websiteRating(0.209, 'swd-v4')).toBe('C');
    expect(websiteRating(0.278, 'swd-v4')).toBe('D');
    expect(websiteRating(0.359, 'swd-v4')).toBe('E');
    expect(websiteRating(0.3591, 'swd-v4')).toBe('F');
    expect(websiteRating(100, 'swd-v4')).toBe('F');
  });

  it('swd-v3 thresholds are inclusive', () => {
    expect(websiteRating(0.095, 'swd-v3')).toBe('A+');
    expect(websiteRating(0.0951, 'swd-v3')).toBe('A');
    expect(websiteRating(0.186, 'swd-v3')).toBe('A');
    expect(websiteRating(0.341, 'swd-v3')).toBe('B');
    expect(websiteRating(0.493, 'swd-v3')).toBe('C');
    expect(websiteRating(0.656, 'swd-v3')).toBe('D');
    expect(websiteRating(0.846, 'swd-v3')).toBe('E');
    expect(websiteRating(0.8461, 'swd-v3')).toBe('F');
  });

  it('the same value rates differently under v3 and v4', () => {
    expect(websiteRating(0.2, 'swd-v4')).toBe('C');
    expect(websiteRating(0.2, 'swd-v3')).toBe('B');
  });

  it('onebyte has no rating', () => {
    expect(websiteRating(0.01, 'onebyte')).toBeNull();
  });
});
