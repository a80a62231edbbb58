import { describe, expect, it } from 'vitest';
import { MODEL_SOURCE_IDS } from '../../src/services/model-sources.js';
import { createTestApp } from '../helpers/app.js';

describe('model sources', () => {
  it('names sources that the seed defines', async () => {
    const catalog = await (await createTestApp()).catalog.get();
    for (const id of Object.values(MODEL_SOURCE_IDS)) expect(catalog.source(id), id).toBeDefined();
  });
});
