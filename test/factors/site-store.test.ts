import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InStatement } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
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
import { SITE_FIELD_SAMPLES_PER_DAY, siteFigure } from '../../src/models/site-figure.js';
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

/** Every bucket count equals the number of pages whose bucket it is. */
async function expectHistogramOfPages() {
  const drift =
    await rows(`SELECT b.bucket, b.pages, (SELECT count(*) FROM site_pages p WHERE p.bucket = b.bucket) AS n
    FROM site_buckets b WHERE b.pages <> (SELECT count(*) FROM site_pages p WHERE p.bucket = b.bucket)`);
  expect(drift).toEqual([]);
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
    it('creates the page with its first sample as its figure, counted in its bucket', async () => {
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
        measurements: 1,
        firstMeasuredAt: '2024-10-04T12:00:00.000Z',
        measuredAt: '2024-10-04T12:00:00.000Z',
        version: 1,
        figureVersion: 1,
        bucket: siteBucketOf(1_843_200),
        distributionPages: 1,
        higherPages: 0,
        bucketPages: 1,
      });
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
      const next = await record(store, sample({ bytes: 7_000, day: DAY + 1, windowStartDay: DAY - 28 }));
      expect(next.page).toMatchObject({ fieldBytes: 6_000, fieldClients: 2, measurements: 3 });
      expect(await rows('SELECT count(*) AS n FROM site_samples')).toEqual([{ n: 2 }]);
      await expectHistogramOfPages();
    });

    it('computes the figure in SQL exactly as siteFigure does (random samples, first views, coverage)', async () => {
      const random = mulberry32(99);
      for (let page = 0; page < 25; page++) {
        const url = `https://random.example/${page}`;
        const kept: { client: string; bytes: number; coverage: number | null; firstView: boolean | null }[] =
          [];
        const samples = 1 + Math.floor(random() * 12);
        let last = (await record(store, sample({ url, client: 'seed', bytes: 1 }))).page;
        kept.push({ client: 'seed', bytes: 1, coverage: null, firstView: null });
        for (let i = 0; i < samples; i++) {
          const s = {
            client: `k${Math.floor(random() * 8)}`,
            bytes: Math.floor(random() * 5_000_000),
            coverage: random() < 0.3 ? null : Math.round(random() * 1000) / 1000,
            firstView: random() < 0.2 ? null : random() < 0.5,
          };
          const at = kept.findIndex((k) => k.client === s.client);
          if (at >= 0) kept[at] = s;
          else kept.push(s);
          last = (await record(store, sample({ url, ...s }))).page;
        }
        const expected = siteFigure(kept);
        expect(last.fieldBytes, url).toBe(expected?.bytes);
        if (expected?.coverage === null) expect(last.fieldCoverage, url).toBeNull();
        else expect(last.fieldCoverage, url).toBeCloseTo(expected?.coverage as number, 12);
        expect(last.fieldClients, url).toBe(kept.length);
      }
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
      // however the 30 interleaved, the stored figure is the median of the 30 samples
      expect(await store.find('https://a.example/')).toMatchObject({
        fieldBytes: 1_550_000,
        fieldClients: 30,
        measurements: 30,
        bucket: siteBucketOf(1_550_000),
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
      const [total] = await rows('SELECT sum(pages) AS n FROM site_buckets');
      expect(total?.n).toBe(40);
    });
  });

  describe('recordLab', () => {
    it('creates a page from a lab test alone: no field figure, no measurement, counted in the bucket of its lab bytes', async () => {
      const page = await store.recordLab(labTest());
      expect(page).toEqual({
        id: expect.any(Number),
        url: 'https://a.example/',
        fieldBytes: null,
        fieldCoverage: null,
        fieldClients: 0,
        labBytes: 900_000,
        labTestedAt: '2024-10-04T15:00:00.000Z',
        measurements: 0,
        firstMeasuredAt: '2024-10-04T15:00:00.000Z',
        measuredAt: '2024-10-04T15:00:00.000Z',
        version: 1,
        figureVersion: 1,
        bucket: siteBucketOf(900_000),
        distributionPages: 1,
        higherPages: 0,
        bucketPages: 1,
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

    it('counts the page in the bucket of its served figure: lab under 3 field clients, field from 3', async () => {
      await record(store, sample({ client: 'c1', bytes: 8_000_000 }));
      const tested = await store.recordLab(labTest({ bytes: 1_000_000 }));
      expect(tested).toMatchObject({
        fieldBytes: 8_000_000,
        fieldClients: 1,
        bucket: siteBucketOf(1_000_000),
      });
      const two = await record(store, sample({ client: 'c2', bytes: 8_000_000 }));
      expect(two.page).toMatchObject({ fieldClients: 2, bucket: siteBucketOf(1_000_000) });
      const three = await record(store, sample({ client: 'c3', bytes: 8_000_000 }));
      expect(three.page).toMatchObject({
        fieldClients: 3,
        fieldBytes: 8_000_000,
        labBytes: 1_000_000,
        bucket: siteBucketOf(8_000_000),
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
    it('answers the page with the distribution around it, or null', async () => {
      for (const [url, bytes] of [
        ['https://a.example/1', 500_000],
        ['https://a.example/2', 1_000_000],
        ['https://a.example/2bis', 1_000_000],
        ['https://a.example/3', 4_000_000],
      ] as const)
        await record(store, sample({ url, bytes }));
      expect(await store.find('https://a.example/2')).toMatchObject({
        fieldBytes: 1_000_000,
        distributionPages: 4,
        higherPages: 1,
        bucketPages: 2,
      });
      expect(await store.find('https://a.example/3')).toMatchObject({ higherPages: 0, bucketPages: 1 });
      expect(await store.find('https://a.example/none')).toBeNull();
    });
  });

  describe('prune (the retention job)', () => {
    it('deletes samples older than the window and recomputes; a page with none left keeps its last figure', async () => {
      await store.recordField(
        sample({ client: 'old', bytes: 9_000_000, day: DAY - 40, windowStartDay: DAY - 69 }),
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
      expect((await store.find('https://a.example/'))?.fieldBytes).toBe(5_000_000);

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
      await store.recordField(
        sample({ url: 'https://old.example/', day: DAY - 401, windowStartDay: DAY - 430 }),
      );
      await store.recordField(
        sample({ url: 'https://kept.example/', day: DAY - 399, windowStartDay: DAY - 430 }),
      );
      const pass = await store.prune({
        today: DAY,
        windowStartDay: DAY - 29,
        dropBeforeDay: DAY - 400,
        limit: 100,
      });
      expect(pass).toEqual({ recomputed: 1, dropped: 1 });
      expect(await store.find('https://old.example/')).toBeNull();
      expect(await store.find('https://kept.example/')).toMatchObject({
        fieldClients: 0,
        distributionPages: 1,
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
      distributionPages: 2,
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
