import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { siteClientKey } from '../../src/services/site-client-key.js';

describe('siteClientKey', () => {
  it('is HMAC-SHA-256(secret, "day|client") cut to 128 bits, in hex (node:crypto as the reference)', async () => {
    const key = await siteClientKey('s3cret', '203.0.113.7', 20_577);
    expect(key).toBe(createHmac('sha256', 's3cret').update('20577|203.0.113.7').digest('hex').slice(0, 32));
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with the day, the client and the secret, and never contains the address', async () => {
    const base = await siteClientKey('s3cret', '203.0.113.7', 20_577);
    expect(await siteClientKey('s3cret', '203.0.113.7', 20_577)).toBe(base);
    expect(await siteClientKey('s3cret', '203.0.113.7', 20_578)).not.toBe(base);
    expect(await siteClientKey('s3cret', '203.0.113.8', 20_577)).not.toBe(base);
    expect(await siteClientKey('other', '203.0.113.7', 20_577)).not.toBe(base);
    expect(base).not.toContain('203');
  });
});
