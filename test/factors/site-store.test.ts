import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InStatement } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS_FOLDER,
  migrateDatabase,
  type NodeDatabase,
  openDatabase,
  tuneDatabase,
} from '../../src/entries/node/database.js';
import {
  type ClosablePreparedConnection,
  openPreparedConnection,
} from '../../src/entries/node/prepared-connection.js';
import * as schema from '../../src/factors/schema.js';
import {
  createDrizzleSiteStore,
  type FieldSampleInput,
  type LabSampleInput,
  type SiteStore,
} from '../../src/factors/site-store.js';
import { SITE_BUCKET_COUNT, siteBucketEdgeBytes, siteBucketOf } from '../../src/models/site-buckets.js';
import { SITE_FIELD_SAMPLES_PER_DAY } from '../../src/models/site-figure.js';
import { mulberry32 } from '../helpers/co2js.js';

let database: NodeDatabase;
let store: SiteStore;
beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  store = createDrizzleSiteStore(database.db);
});

const DAY = 20_000;
const sample = (over: Partial<FieldSampleInput> = {}): FieldSampleInput => ({
  url: 'https://a.example/',
  bytes: 1_000_000,
  coverage: null,
  firstView: null,
  client: 'c1',
  day: DAY,
  windowStartDay: DAY - 29,
  newPagesPerDay: 200,
  measuredAt: '2024-10-04T12:00:00.000Z',
  ...over,
});

const labTest = (over: Partial<LabSampleInput> = {}): LabSampleInput => ({
  url: 'https://a.example/',
  bytes: 900_000,
  day: DAY,
  windowStartDay: DAY - 29,
  testedAt: '2024-10-04T15:00:00.000Z',
  ...over,
});

/** recordField, for measurements within the new-page quota. */
async function record(store: SiteStore, input: FieldSampleInput) {
  const stored = await store.recordField(input);
  if (!stored) throw new Error(`refused: ${input.url}`);
  return stored;
}

const rows = async (sql: string, args: (string | number)[] = []) =>
  (await database.client.execute({ sql, args })).rows.map((r) => ({ ...r }));

/**
 * Every bucket count equals the number of pages whose bucket it is, and the pages with a bucket are
 * exactly the ranked ones: a field figure, and at least 3 clients on one day (every test's samples
 * are in its window, or pruned).
 */
async function expectHistogramOfPages() {
  const drift =
    await rows(`SELECT b.bucket, b.pages, (SELECT count(*) FROM site_pages p WHERE p.bucket = b.bucket) AS n
    FROM site_buckets b WHERE b.pages <> (SELECT count(*) FROM site_pages p WHERE p.bucket = b.bucket)`);
  expect(drift).toEqual([]);
  const misranked = await rows(`SELECT url, bucket, field_clients FROM site_pages AS p
    WHERE (bucket IS NOT NULL) <> (field_bytes IS NOT NULL AND coalesce((SELECT max(n) FROM
      (SELECT count(*) AS n FROM site_samples WHERE page_id = p.id AND source = 'field' GROUP BY day)), 0) >= 3)`);
  expect(misranked).toEqual([]);
}

/** Writes `clients` samples of one page from distinct clients (k1, k2, …), all of `bytes`. */
async function recordClients(store: SiteStore, url: string, bytes: number, clients = 3) {
  let last: Awaited<ReturnType<typeof record>> | undefined;
  for (let i = 1; i <= clients; i++) last = await record(store, sample({ url, bytes, client: `k${i}` }));
  return last?.page;
}

/** Every store test below runs on both: D1 and remote libSQL go the client's way, Node's file the prepared one. */
const STORES = ['the libSQL client', 'a prepared connection'] as const;
const fileDir = mkdtempSync(join(tmpdir(), 'empreinte-site-store-'));
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));

describe.each(STORES)('on %s', (mode) => {
  let prepared: ClosablePreparedConnection | undefined;
  beforeEach(async () => {
    if (mode === 'the libSQL client') return;
    database.client.close();
    const url = `file:${join(fileDir, `${crypto.randomUUID()}.db`)}`;
    database = openDatabase(url);
    await tuneDatabase(database, url);
    await migrateDatabase(database);
    prepared = openPreparedConnection(url);
    store = createDrizzleSiteStore(database.db, prepared ? { prepared } : {});
  });
  afterEach(() => {
    prepared?.close();
    prepared = undefined;
  });

  describe('recordField', () => {
    it('creates the page with its first sample as its figure, not ranked (one client)', async () => {
      const { page, created } = await record(
        store,
        sample({ bytes: 1_843_200, coverage: 0.9, firstView: true }),
      );
      expect(created).toBe(true);
      expect(page).toEqual({
        id: expect.any(Number),
        url: 'https://a.example/',
        fieldBytes: 1_843_200,
        fieldCoverage: 0.9,
        fieldClients: 1,
        labBytes: null,
        labTestedAt: null,
        labCoverage: null,
        measurements: 1,
        firstMeasuredAt: '2024-10-04T12:00:00.000Z',
        measuredAt: '2024-10-04T12:00:00.000Z',
        version: 1,
        figureVersion: 1,
        bucket: siteBucketOf(1_843_200),
        ranked: false,
        distributionPages: 0,
        higherPages: 0,
        bucketPages: 0,
      });
      expect(await rows('SELECT bucket FROM site_pages')).toEqual([{ bucket: null }]);
      expect(
        await rows('SELECT page_id, source, day, client, bytes, coverage, first_view FROM site_samples'),
      ).toEqual([
        {
          page_id: page.id,
          source: 'field',
          day: DAY,
          client: 'c1',
          bytes: 1_843_200,
          coverage: 0.9,
          first_view: 1,
        },
      ]);
    });

    it("replaces a client's own sample of the day, keeps one per day, and counts every measurement", async () => {
      await record(store, sample({ bytes: 100 }));
      const again = await record(store, sample({ bytes: 5_000, measuredAt: '2024-10-04T13:00:00.000Z' }));
      expect(again.created).toBe(false);
      expect(again.page).toMatchObject({
        fieldBytes: 5_000,
        fieldClients: 1,
        measurements: 2,
        version: 2,
        figureVersion: 2,
      });
      expect(again.page.measuredAt).toBe('2024-10-04T13:00:00.000Z');
      // the same client the next day is another sample (client keys are per day)
      // lower median of 5,000 and 7,000: the lower middle value, not their mean
      const next = await record(store, sample({ bytes: 7_000, day: DAY + 1, windowStartDay: DAY - 28 }));
      expect(next.page).toMatchObject({ fieldBytes: 5_000, fieldClients: 2, measurements: 3 });
      expect(await rows('SELECT count(*) AS n FROM site_samples')).toEqual([{ n: 2 }]);
      await expectHistogramOfPages();
    });

    it('stores the lower median of one sample per client, whatever first_view says (hand-computed)', async () => {
      const cases: {
        samples: [client: string, bytes: number, coverage: number | null, firstView: boolean | null][];
        bytes: number;
        coverage: number | null;
        clients: number;
      }[] = [
        // one sample: itself
        { samples: [['a', 1_843_200, 0.9, true]], bytes: 1_843_200, coverage: 0.9, clients: 1 },
        // two: the lower one (never the mean 1,683,232)
        {
          samples: [
            ['a', 2_366_464, 0.92, true],
            ['b', 1_000_000, 0.5, null],
          ],
          bytes: 1_000_000,
          coverage: 0.5,
          clients: 2,
        },
        // returning visitors (repeat views) and one first view of 1e9: 1.0 1.1 [1.2] 1.3 1e9 MB
        {
          samples: [
            ['a', 1_000_000, null, false],
            ['b', 1_100_000, null, false],
            ['c', 1_200_000, null, false],
            ['d', 1_300_000, null, false],
            ['e', 1e9, 1, true],
          ],
          bytes: 1_200_000,
          coverage: 1,
          clients: 5,
        },
        // a client's later sample replaces its own: a = 4 MB; sorted 1, [500,000], 2 MB, 4 MB;
        // coverages given 0.8 (a) and 0.5 (c): lower median 0.5
        {
          samples: [
            ['s', 1, null, null],
            ['a', 3_000_000, 0.9, true],
            ['b', 2_000_000, null, false],
            ['c', 500_000, 0.5, true],
            ['a', 4_000_000, 0.8, false],
          ],
          bytes: 500_000,
          coverage: 0.5,
          clients: 4,
        },
        // six: 0 0 [0] 1.0 1.1 1.2 MB → 0 (half the clients pull it down, never up)
        {
          samples: [
            ['a', 1_000_000, 0.95, false],
            ['b', 1_100_000, 0.97, true],
            ['c', 1_200_000, 0.99, null],
            ['x', 0, 0, true],
            ['y', 0, 0, true],
            ['z', 0, 0, true],
          ],
          bytes: 0,
          coverage: 0,
          clients: 6,
        },
      ];
      for (const [i, c] of cases.entries()) {
        const url = `https://hand.example/${i}`;
        let last: Awaited<ReturnType<typeof record>> | undefined;
        for (const [client, bytes, coverage, firstView] of c.samples)
          last = await record(store, sample({ url, client, bytes, coverage, firstView }));
        expect(last?.page, url).toMatchObject({
          fieldBytes: c.bytes,
          fieldCoverage: c.coverage,
          fieldClients: c.clients,
          ranked: c.clients >= 3,
        });
      }
      await expectHistogramOfPages();
    });

    it('counts only the samples of the window: a sample of the day before the window is not in the figure', async () => {
      // two clients at 9 MB on the day just before the window, one at 1 MB today
      for (const client of ['old-1', 'old-2'])
        await record(store, sample({ client, bytes: 9_000_000, day: DAY - 30, windowStartDay: DAY - 59 }));
      await record(
        store,
        sample({ client: 'edge', bytes: 2_000_000, day: DAY - 29, windowStartDay: DAY - 58 }),
      );
      const today = await record(store, sample({ client: 'new', bytes: 1_000_000 }));
      // window DAY − 29 … DAY: 2 MB (DAY − 29) and 1 MB → lower median 1 MB, 2 clients, not ranked
      expect(today.page).toMatchObject({ fieldBytes: 1_000_000, fieldClients: 2, ranked: false });
      expect(await rows('SELECT count(*) AS n FROM site_samples')).toEqual([{ n: 4 }]);
      await expectHistogramOfPages();
    });

    it('ranks a page from 3 distinct clients of one day, not from one address on three days', async () => {
      const url = 'https://days.example/';
      // one address on three days: three client keys, one a day
      for (const [i, client] of ['same-d0', 'same-d1', 'same-d2'].entries())
        await record(
          store,
          sample({ url, client, bytes: 1e9, day: DAY - 2 + i, windowStartDay: DAY - 31 + i }),
        );
      expect(await store.find(url)).toMatchObject({ fieldClients: 3, fieldBytes: 1e9, ranked: false });
      expect(await rows('SELECT sum(pages) AS n FROM site_buckets')).toEqual([{ n: 0 }]);
      // two more clients today: three of one day
      await record(store, sample({ url, client: 'other-1', bytes: 2_000_000 }));
      const ranked = await record(store, sample({ url, client: 'other-2', bytes: 3_000_000 }));
      // 2 MB 3 MB [1e9] 1e9 1e9
      expect(ranked.page).toMatchObject({
        fieldClients: 5,
        fieldBytes: 1e9,
        ranked: true,
        distributionPages: 1,
      });
      await expectHistogramOfPages();
    });

    it(`keeps the ${SITE_FIELD_SAMPLES_PER_DAY} samples of a day with the lowest client keys`, async () => {
      const keys = Array.from({ length: 50 }, (_, i) => `key-${String(49 - i).padStart(2, '0')}`);
      for (const client of keys) await record(store, sample({ client, bytes: 1000 + keys.indexOf(client) }));
      const stored = await rows('SELECT client FROM site_samples ORDER BY client');
      expect(stored.map((r) => r.client)).toEqual([...keys].sort().slice(0, SITE_FIELD_SAMPLES_PER_DAY));
      const page = await store.find('https://a.example/');
      expect(page).toMatchObject({ fieldClients: SITE_FIELD_SAMPLES_PER_DAY, measurements: 50 });
    });

    it('settles concurrent measurements of one page on the figure of all their samples', async () => {
      const bytes = Array.from({ length: 30 }, (_, i) => 100_000 * (i + 1));
      const answers = await Promise.all(
        bytes.map((b, i) => record(store, sample({ client: `client-${i}`, bytes: b }))),
      );
      expect(answers.filter((a) => a.created)).toHaveLength(1);
      // however the 30 interleaved, the stored figure is the lower median of the 30 samples (the 15th)
      expect(await store.find('https://a.example/')).toMatchObject({
        fieldBytes: 1_500_000,
        fieldClients: 30,
        measurements: 30,
        bucket: siteBucketOf(1_500_000),
        ranked: true,
        distributionPages: 1,
        bucketPages: 1,
      });
      await expectHistogramOfPages();
    });

    it('moves the page between buckets as its figure changes, the histogram staying the count of pages', async () => {
      const random = mulberry32(5);
      for (let i = 0; i < 300; i++) {
        await store.recordField(
          sample({
            url: `https://h.example/${Math.floor(random() * 40)}`,
            client: `c${Math.floor(random() * 5)}`,
            bytes: Math.floor(10 ** (2 + random() * 7)),
          }),
        );
      }
      await expectHistogramOfPages();
      // only the pages measured by at least 3 of the 5 clients are counted
      const [total] = await rows('SELECT sum(pages) AS n FROM site_buckets');
      const [ranked] = await rows(
        'SELECT count(*) AS n FROM (SELECT page_id FROM site_samples GROUP BY page_id HAVING count(*) >= 3)',
      );
      expect(total?.n).toBe(ranked?.n);
      expect(Number(total?.n)).toBeGreaterThan(30);
      expect(Number(total?.n)).toBeLessThan(40);
    });
  });

  describe('recordLab', () => {
    it('creates a page from a lab test alone: no field figure, no measurement, not ranked', async () => {
      const page = await store.recordLab(labTest());
      expect(page).toEqual({
        id: expect.any(Number),
        url: 'https://a.example/',
        fieldBytes: null,
        fieldCoverage: null,
        fieldClients: 0,
        labBytes: 900_000,
        labTestedAt: '2024-10-04T15:00:00.000Z',
        labCoverage: 1,
        measurements: 0,
        firstMeasuredAt: '2024-10-04T15:00:00.000Z',
        measuredAt: '2024-10-04T15:00:00.000Z',
        version: 1,
        figureVersion: 1,
        bucket: siteBucketOf(900_000),
        ranked: false,
        distributionPages: 0,
        higherPages: 0,
        bucketPages: 0,
      });
      expect(
        await rows('SELECT source, day, client, bytes, coverage, first_view, measured_at FROM site_samples'),
      ).toEqual([
        {
          source: 'lab',
          day: DAY,
          client: 'lab',
          bytes: 900_000,
          coverage: 1,
          first_view: 1,
          measured_at: '2024-10-04T15:00:00.000Z',
        },
      ]);
      expect(await rows('SELECT last_day, oldest_day FROM site_pages')).toEqual([
        { last_day: DAY, oldest_day: DAY },
      ]);
      await expectHistogramOfPages();
      // the first visitor's measurement of that page does not create it (the API answers 200)
      const field = await record(store, sample({ bytes: 5_000_000 }));
      expect(field.created).toBe(false);
      expect(field.page).toMatchObject({ measurements: 1, fieldBytes: 5_000_000, labBytes: 900_000 });
    });

    it('keeps one lab sample a day, the latest test: a later one replaces it, a late earlier one does not', async () => {
      await store.recordLab(labTest({ bytes: 900_000, testedAt: '2024-10-04T15:00:00.000Z' }));
      const later = await store.recordLab(labTest({ bytes: 700_000, testedAt: '2024-10-04T16:00:00.000Z' }));
      expect(later).toMatchObject({ labBytes: 700_000, labTestedAt: '2024-10-04T16:00:00.000Z', version: 2 });
      const late = await store.recordLab(labTest({ bytes: 1_500_000, testedAt: '2024-10-04T15:30:00.000Z' }));
      expect(late).toMatchObject({
        labBytes: 700_000,
        labTestedAt: '2024-10-04T16:00:00.000Z',
        measuredAt: '2024-10-04T16:00:00.000Z',
        bucket: siteBucketOf(700_000),
      });
      // the next day is another sample, and the page's lab figure is the latest test
      const next = await store.recordLab(
        labTest({ bytes: 2_000_000, day: DAY + 1, testedAt: '2024-10-05T09:00:00.000Z' }),
      );
      expect(next).toMatchObject({ labBytes: 2_000_000, bucket: siteBucketOf(2_000_000), measurements: 0 });
      expect(await rows("SELECT day, bytes FROM site_samples WHERE source = 'lab' ORDER BY day")).toEqual([
        { day: DAY, bytes: 700_000 },
        { day: DAY + 1, bytes: 2_000_000 },
      ]);
      await expectHistogramOfPages();
    });

    it('ranks the page from 3 field clients only, in the bucket of its field figure (lab before)', async () => {
      await record(store, sample({ client: 'c1', bytes: 8_000_000 }));
      const tested = await store.recordLab(labTest({ bytes: 1_000_000 }));
      expect(tested).toMatchObject({
        fieldBytes: 8_000_000,
        fieldClients: 1,
        bucket: siteBucketOf(1_000_000),
        ranked: false,
      });
      const two = await record(store, sample({ client: 'c2', bytes: 8_000_000 }));
      expect(two.page).toMatchObject({ fieldClients: 2, bucket: siteBucketOf(1_000_000), ranked: false });
      expect(await rows('SELECT bucket, pages FROM site_buckets WHERE pages > 0')).toEqual([]);
      const three = await record(store, sample({ client: 'c3', bytes: 8_000_000 }));
      expect(three.page).toMatchObject({
        fieldClients: 3,
        fieldBytes: 8_000_000,
        labBytes: 1_000_000,
        bucket: siteBucketOf(8_000_000),
        ranked: true,
        distributionPages: 1,
      });
      expect(await rows('SELECT bucket, pages FROM site_buckets WHERE pages > 0')).toEqual([
        { bucket: siteBucketOf(8_000_000), pages: 1 },
      ]);
      await expectHistogramOfPages();
    });

    it('settles concurrent field and lab writes of one page on the bucket of the figure they make together', async () => {
      for (let round = 0; round < 5; round++) {
        const url = `https://race.example/${round}`;
        const writes: Promise<unknown>[] = [];
        // two field clients at 8 MB, then a lab test of 1 MB and a third client, all at once
        for (const client of ['c1', 'c2', 'c3'])
          writes.push(record(store, sample({ url, client, bytes: 8_000_000 })));
        writes.splice(round % 3, 0, store.recordLab(labTest({ url, bytes: 1_000_000 })));
        await Promise.all(writes);
        expect(await store.find(url), url).toMatchObject({
          fieldClients: 3,
          labBytes: 1_000_000,
          bucket: siteBucketOf(8_000_000),
        });
      }
      await expectHistogramOfPages();
    });
  });

  describe('the new-page quota', () => {
    it('lets a client create its quota of new pages a day, then stores nothing new, old pages still counted', async () => {
      const quota = { newPagesPerDay: 3 };
      for (let i = 0; i < 3; i++) await record(store, sample({ url: `https://q.example/${i}`, ...quota }));
      const before = await rows(
        'SELECT (SELECT count(*) FROM site_pages) AS pages, (SELECT count(*) FROM site_samples) AS samples',
      );
      expect(await store.recordField(sample({ url: 'https://q.example/3', ...quota }))).toBeNull();
      expect(
        await rows(
          'SELECT (SELECT count(*) FROM site_pages) AS pages, (SELECT count(*) FROM site_samples) AS samples',
        ),
      ).toEqual(before);
      // a stored page still takes the client's measurements; another client may create pages
      expect(
        (await record(store, sample({ url: 'https://q.example/0', bytes: 9, ...quota }))).page.fieldBytes,
      ).toBe(9);
      expect(
        (await record(store, sample({ url: 'https://q.example/3', client: 'c2', ...quota }))).created,
      ).toBe(true);
      // the next day is a new client key, with a new quota; the retention job forgets past days
      expect(
        await store.recordField(
          sample({ url: 'https://q.example/4', client: 'c1-next-day', day: DAY + 1, ...quota }),
        ),
      ).not.toBeNull();
      await store.prune({ today: DAY + 1, windowStartDay: DAY - 28, dropBeforeDay: DAY - 399, limit: 10 });
      expect(await rows('SELECT client, pages FROM site_new_pages')).toEqual([
        { client: 'c1-next-day', pages: 1 },
      ]);
    });
  });

  describe('find', () => {
    it('answers the page with the distribution of ranked pages around it, or null', async () => {
      for (const [url, bytes] of [
        ['https://a.example/1', 500_000],
        ['https://a.example/2', 1_000_000],
        ['https://a.example/2bis', 1_000_000],
        ['https://a.example/3', 4_000_000],
      ] as const)
        await recordClients(store, url, bytes);
      expect(await store.find('https://a.example/2')).toMatchObject({
        fieldBytes: 1_000_000,
        ranked: true,
        distributionPages: 4,
        higherPages: 1,
        bucketPages: 2,
      });
      expect(await store.find('https://a.example/3')).toMatchObject({ higherPages: 0, bucketPages: 1 });
      // pages of 1 and 2 clients: where they stand among the 4 ranked pages, counted in nothing
      await record(store, sample({ url: 'https://a.example/one', bytes: 1_000_000 }));
      await recordClients(store, 'https://a.example/two', 9_000_000, 2);
      await store.recordLab(labTest({ url: 'https://a.example/lab', bytes: 400_000 }));
      expect(await store.find('https://a.example/one')).toMatchObject({
        fieldBytes: 1_000_000,
        bucket: siteBucketOf(1_000_000),
        ranked: false,
        distributionPages: 4,
        higherPages: 1,
        bucketPages: 2,
      });
      expect(await store.find('https://a.example/two')).toMatchObject({
        bucket: siteBucketOf(9_000_000),
        ranked: false,
        distributionPages: 4,
        higherPages: 0,
        bucketPages: 0,
      });
      expect(await store.find('https://a.example/lab')).toMatchObject({
        bucket: siteBucketOf(400_000),
        ranked: false,
        distributionPages: 4,
        higherPages: 4,
        bucketPages: 0,
      });
      expect(await store.find('https://a.example/none')).toBeNull();
      await expectHistogramOfPages();
    });
  });

  describe('prune (the retention job)', () => {
    it('deletes samples older than the window and recomputes; a page with none left keeps its last figure', async () => {
      await store.recordField(
        sample({ client: 'old', bytes: 9_000_000, day: DAY - 40, windowStartDay: DAY - 69 }),
      );
      await store.recordField(
        sample({ client: 'old-2', bytes: 8_000_000, day: DAY - 40, windowStartDay: DAY - 69 }),
      );
      await record(store, sample({ client: 'new', bytes: 1_000_000, day: DAY, windowStartDay: DAY - 69 }));
      await store.recordField(
        sample({
          url: 'https://gone.example/',
          client: 'x',
          bytes: 3_000,
          day: DAY - 35,
          windowStartDay: DAY - 35,
        }),
      );
      // a window of 70 days: 1, [8], 9 MB; 3 clients, but 2 at most on one day: not ranked
      expect(await store.find('https://a.example/')).toMatchObject({
        fieldBytes: 8_000_000,
        fieldClients: 3,
        ranked: false,
      });

      expect(
        await store.prune({ today: DAY, windowStartDay: DAY - 29, dropBeforeDay: DAY - 400, limit: 100 }),
      ).toEqual({
        recomputed: 2,
        dropped: 0,
      });
      expect(await store.find('https://a.example/')).toMatchObject({
        fieldBytes: 1_000_000,
        fieldClients: 1,
        bucket: siteBucketOf(1_000_000),
        ranked: false,
        distributionPages: 0,
      });
      expect(await store.find('https://gone.example/')).toMatchObject({ fieldBytes: 3_000, fieldClients: 0 });
      expect(await rows('SELECT client FROM site_samples ORDER BY client')).toEqual([{ client: 'new' }]);
      // nothing left to do
      expect(
        await store.prune({ today: DAY, windowStartDay: DAY - 29, dropBeforeDay: DAY - 400, limit: 100 }),
      ).toEqual({
        recomputed: 0,
        dropped: 0,
      });
      await expectHistogramOfPages();
    });

    it('drops pages without a measurement since the drop day, out of the histogram too', async () => {
      for (const client of ['k1', 'k2', 'k3']) {
        await store.recordField(
          sample({ url: 'https://old.example/', client, day: DAY - 401, windowStartDay: DAY - 430 }),
        );
        await store.recordField(
          sample({ url: 'https://kept.example/', client, day: DAY - 399, windowStartDay: DAY - 430 }),
        );
      }
      expect(await store.find('https://kept.example/')).toMatchObject({ ranked: true, distributionPages: 2 });
      const pass = await store.prune({
        today: DAY,
        windowStartDay: DAY - 29,
        dropBeforeDay: DAY - 400,
        limit: 100,
      });
      expect(pass).toEqual({ recomputed: 1, dropped: 1 });
      expect(await store.find('https://old.example/')).toBeNull();
      // its clients have left the window: it keeps its figure, unranked
      expect(await store.find('https://kept.example/')).toMatchObject({
        fieldBytes: 1_000_000,
        fieldClients: 0,
        ranked: false,
        distributionPages: 0,
      });
      expect(await rows('SELECT count(*) AS n FROM site_samples')).toEqual([{ n: 0 }]);
      await expectHistogramOfPages();
    });

    it('keeps a lab-tested page: its lab figure outlives its sample, and the test counts as activity', async () => {
      // a lab-only page tested 35 days ago, and a page measured once 35 days ago then tested 300 days later
      await store.recordLab(
        labTest({ url: 'https://lab-only.example/', day: DAY - 35, testedAt: '2024-08-30T10:00:00.000Z' }),
      );
      await store.recordField(
        sample({ url: 'https://old.example/', day: DAY - 500, windowStartDay: DAY - 529, bytes: 3_000_000 }),
      );
      await store.recordLab(labTest({ url: 'https://old.example/', day: DAY - 200, bytes: 400_000 }));
      const pass = await store.prune({
        today: DAY,
        windowStartDay: DAY - 29,
        dropBeforeDay: DAY - 400,
        limit: 100,
      });
      expect(pass).toEqual({ recomputed: 2, dropped: 0 });
      expect(await store.find('https://lab-only.example/')).toMatchObject({
        labBytes: 900_000,
        labTestedAt: '2024-08-30T10:00:00.000Z',
        fieldBytes: null,
        bucket: siteBucketOf(900_000),
      });
      expect(await store.find('https://old.example/')).toMatchObject({
        fieldBytes: 3_000_000,
        fieldClients: 0,
        labBytes: 400_000,
        bucket: siteBucketOf(400_000),
      });
      expect(await rows('SELECT count(*) AS n FROM site_samples')).toEqual([{ n: 0 }]);
      // a page goes 400 days after its last measurement or test, whichever the kind
      const prune = (today: number) =>
        store.prune({ today, windowStartDay: today - 29, dropBeforeDay: today - 400, limit: 100 });
      expect(await prune(DAY + 200)).toEqual({ recomputed: 0, dropped: 0 });
      expect(await prune(DAY + 201)).toEqual({ recomputed: 0, dropped: 1 });
      expect(await store.find('https://old.example/')).toBeNull();
      expect(await prune(DAY + 365)).toEqual({ recomputed: 0, dropped: 0 });
      expect(await prune(DAY + 366)).toEqual({ recomputed: 0, dropped: 1 });
      expect(await store.find('https://lab-only.example/')).toBeNull();
      await expectHistogramOfPages();
    });

    it('works in passes of `limit` pages', async () => {
      for (let i = 0; i < 7; i++)
        await store.recordField(
          sample({ url: `https://p.example/${i}`, day: DAY - 31, windowStartDay: DAY - 60 }),
        );
      const passes = [];
      for (;;) {
        const pass = await store.prune({
          today: DAY,
          windowStartDay: DAY - 29,
          dropBeforeDay: DAY - 400,
          limit: 3,
        });
        if (pass.recomputed === 0) break;
        passes.push(pass.recomputed);
      }
      expect(passes).toEqual([3, 3, 1]);
    });
  });
});

describe('adversarial minorities through the store (property)', () => {
  it("clients fewer than half of the window's stay inside the others' range, whatever first_view, coverage or day they send", async () => {
    const flag = fc.constantFrom<boolean | null>(true, false, null);
    const honestSample = fc.record({
      bytes: fc.integer({ min: 0, max: 1e9 }),
      firstView: flag,
      ago: fc.integer({ min: 0, max: 29 }),
    });
    const hostileSample = fc.record({
      bytes: fc.constantFrom(0, 1e9),
      firstView: flag,
      ago: fc.integer({ min: 0, max: 29 }),
    });
    const crowd = fc
      .array(honestSample, { minLength: 1, maxLength: 9 })
      .chain((honest) =>
        fc.tuple(
          fc.constant(honest),
          fc.array(hostileSample, { maxLength: honest.length - 1 }),
          fc.boolean(),
        ),
      );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(crowd, async ([honest, hostile, hostileFirst]) => {
        const url = `https://crowd.example/${run++}`;
        const write = (x: { bytes: number; firstView: boolean | null; ago: number }, client: string) =>
          record(
            store,
            sample({
              url,
              client,
              bytes: x.bytes,
              firstView: x.firstView,
              coverage: x.bytes === 0 ? 0 : 1,
              day: DAY - x.ago,
              windowStartDay: DAY - 29,
            }),
          );
        const writes = [
          ...honest.map((x, i) => () => write(x, `h${i}`)),
          ...hostile.map((x, i) => () => write(x, `x${i}`)),
        ];
        if (hostileFirst) writes.reverse();
        for (const w of writes) await w();
        const page = await store.find(url);
        const bytes = honest.map((x) => x.bytes);
        expect(page?.fieldClients).toBe(honest.length + hostile.length);
        expect(page?.fieldBytes).toBeGreaterThanOrEqual(Math.min(...bytes));
        expect(page?.fieldBytes).toBeLessThanOrEqual(Math.max(...bytes));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the client-key secret', () => {
  it('is generated once, kept in the database and read back by every store', async () => {
    const first = await store.storedSecret();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.storedSecret()).toBe(first);
    const other = createDrizzleSiteStore(database.db);
    expect(await other.storedSecret()).toBe(first);
    const fresh = openDatabase(':memory:');
    await migrate(fresh.db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await createDrizzleSiteStore(fresh.db).storedSecret()).not.toBe(first);
  });
});

describe('migration 0005', () => {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-0005-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds the bucket edges of src/models/site-buckets.ts', async () => {
    const edges = await rows('SELECT bucket, min_bytes FROM site_buckets ORDER BY bucket');
    expect(edges).toHaveLength(SITE_BUCKET_COUNT);
    expect(edges).toEqual(edges.map((_, i) => ({ bucket: i, min_bytes: siteBucketEdgeBytes(i) })));
  });

  it('carries the pages measured before samples over as figures without samples', async () => {
    // The migrations up to 0002 only (a copy of the folder with the journal cut after 0002).
    const before = join(dir, 'before');
    mkdirSync(join(before, 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
    const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === '0002_sites');
    writeFileSync(
      join(before, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo + 1) }),
    );
    for (const e of journal.entries.slice(0, upTo + 1))
      copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(before, `${e.tag}.sql`));
    const old = openDatabase(`file:${join(dir, 'old.db')}`);
    await migrate(old.db, { migrationsFolder: before });
    await old.client.execute(`INSERT INTO sites (url, bytes, model, co2e_g, rating, measurements, first_measured_at, measured_at)
      VALUES ('https://legacy.example/', 2366464, 'swd-v4', 0.35, 'E', 7, '2026-01-01T00:00:00.000Z', '2026-03-02T10:00:00.000Z'),
             ('https://legacy.example/light', 50000, 'swd-v3', 0.01, 'A+', 1, '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')`);
    await migrate(old.db, { migrationsFolder: MIGRATIONS_FOLDER });
    const legacy = createDrizzleSiteStore(drizzle(old.client, { schema }));
    expect(await legacy.find('https://legacy.example/')).toMatchObject({
      fieldBytes: 2_366_464,
      fieldClients: 0,
      measurements: 7,
      measuredAt: '2026-03-02T10:00:00.000Z',
      bucket: siteBucketOf(2_366_464),
      // 0011_site_ranking: a page without 3 clients on one day of the window is not ranked, so
      // neither carried-over page is in the distribution cleaner_than reads.
      ranked: false,
      distributionPages: 0,
      higherPages: 0,
    });
    expect(
      (await old.client.execute("SELECT last_day FROM site_pages WHERE url = 'https://legacy.example/'"))
        .rows[0]?.last_day,
    ).toBe(Math.floor(Date.parse('2026-03-02T10:00:00.000Z') / 86_400_000));
    expect((await old.client.execute("SELECT name FROM sqlite_master WHERE name = 'sites'")).rows).toEqual(
      [],
    );
    old.client.close();
  });
});

describe('request-path statements', () => {
  it('are index lookups: the only scan is of the 31 group counts', async () => {
    const seen: InStatement[] = [];
    const capture = new Proxy(database.client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'batch')
          return (stmts: InStatement[], ...rest: unknown[]) => {
            seen.push(...stmts);
            return value.apply(target, [stmts, ...rest]);
          };
        if (prop === 'execute')
          return (stmt: InStatement) => {
            seen.push(stmt);
            return value.apply(target, [stmt]);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const traced = createDrizzleSiteStore(drizzle(capture, { schema }));
    await record(traced, sample({ coverage: 0.9, firstView: true }));
    await record(traced, sample({ client: 'c2', bytes: 3 }));
    await traced.recordLab(labTest());
    await traced.find('https://a.example/');
    // a measurement: a batch of 5 (new-page quota, page, sample, bottom-k, the page's state) and
    // one of 2 (its figure, the answer); a lab test: 3 (page, sample, state) and 2; a read: 1
    expect(seen).toHaveLength(20);
    const scans: string[] = [];
    for (const stmt of seen) {
      const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] } : stmt;
      const plan = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: args as never });
      for (const step of plan.rows.map((r) => String(r.detail))) if (/^SCAN /.test(step)) scans.push(step);
    }
    // site_bucket_groups: 31 rows; w, f and the window subqueries: the page's samples of the window
    // (at most 32 a day × 30 days), read by their primary key.
    // (m: one row of medians), at most 32 a day × 30 days, read by their primary key.
    for (const step of scans)
      expect(step).toMatch(/^SCAN (site_bucket_groups|w|f|m|CONSTANT ROW|\(subquery-\d+\))$/);
    expect(scans).toContain('SCAN site_bucket_groups');
  });
});
