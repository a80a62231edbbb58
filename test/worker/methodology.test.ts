import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { METHODOLOGY_MD } from '../../src/http/routes/methodology/methodology.generated.js';

// The Worker has no filesystem: the methodology comes from its generated string module.
describe('GET /methodology on the Worker', () => {
  it('serves the methodology as Markdown', async () => {
    const res = await exports.default.fetch('http://empreinte.test/methodology');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await res.text();
    expect(text).toBe(METHODOLOGY_MD);
    expect(text).toMatch(/^# Empreinte methodology \(version 3\)/);
  });
});
