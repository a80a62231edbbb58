import { type SQL, sql } from 'drizzle-orm';
import { SITE_BUCKETS_PER_GROUP, siteBucketOf } from '../models/site-buckets.js';
import {
  type FigureSample,
  isRankedPage,
  SITE_FIELD_CLIENTS_OVER_LAB,
  SITE_FIELD_SAMPLES_PER_DAY,
  servedSiteFigure,
  siteFigure,
} from '../models/site-figure.js';
import type { EmpreinteDatabase } from './drizzle-store.js';
import { type PreparedConnection, sqlRunnerOf } from './sql-runner.js';

/** A page as stored, with where it stands in the page-weight distribution. */
export interface SitePageRecord {
  /** Normalised URL (the key). */
  url: string;
  /** Row id: with `version` and `figureVersion`, names one state of the page (ETags). */
  id: number;
  /** Lower median bytes of the field samples of the window (null: no field figure). */
  fieldBytes: number | null;
  /** Lower median coverage of those samples (null: none given). */
  fieldCoverage: number | null;
  /** Field samples in the window: one per client key and day. */
  fieldClients: number;
  /** Bytes of the page's latest lab test (null: never tested). */
  labBytes: number | null;
  /** When that test finished (ISO 8601; null: never tested). */
  labTestedAt: string | null;
  /**
   * Coverage of the page's latest lab sample: 1 for a complete test, under 1 for one stopped at
   * the byte cap (its bytes a lower bound); null when no lab sample is left (never tested, or its
   * sample left the window: the lab figure kept from it says nothing of the cap).
   */
  labCoverage: number | null;
  /** Accepted field measurements since the first one (lab tests are not counted). */
  measurements: number;
  firstMeasuredAt: string;
  /** Latest accepted measurement or lab test (ISO 8601). */
  measuredAt: string;
  /** Bumped by every change of the page's samples (measurements, lab tests, retention). */
  version: number;
  /** The version the stored figure was computed at. */
  figureVersion: number;
  /** Bucket of the page's served figure (null: no figure), where it stands in the distribution. */
  bucket: number | null;
  /**
   * Whether the page is counted in the distribution: ranked pages only, those with a field figure
   * and at least 3 distinct clients on one day of the window (SITE_RANKED_MIN_CLIENTS).
   */
  ranked: boolean;
  /** Pages counted in the distribution (this one included when ranked). */
  distributionPages: number;
  /** Counted pages in buckets above this page's. */
  higherPages: number;
  /** Counted pages in this page's bucket (this one included when ranked). */
  bucketPages: number;
}

/** One field measurement, ready to store. */
export interface FieldSampleInput {
  url: string;
  bytes: number;
  coverage: number | null;
  firstView: boolean | null;
  /** Keyed hash of the client and the day (src/services/site-client-key.ts). */
  client: string;
  /** UTC day number of the measurement. */
  day: number;
  /** First UTC day of the window the figure is computed over. */
  windowStartDay: number;
  /** New pages this client may create today (SITE_NEW_PAGES_PER_CLIENT_DAY). */
  newPagesPerDay: number;
  /** ISO 8601 instant. */
  measuredAt: string;
}

/** A finished lab test, ready to store as the page's `lab` sample of the day. */
export interface LabSampleInput {
  url: string;
  bytes: number;
  /** UTC day number of the test. */
  day: number;
  /** First UTC day of the window the field figure is computed over. */
  windowStartDay: number;
  /** When the test finished (ISO 8601). */
  testedAt: string;
  /** 1 for a complete test (the default), under 1 for one stopped at the byte cap. */
  coverage?: number;
}

/** The client key of lab samples: one lab sample per page and day (a later test that day replaces it). */
export const LAB_SAMPLE_CLIENT = 'lab';

/** What the retention job did in one pass. */
export interface PruneResult {
  /** Pages whose samples older than the window were deleted and whose figure was recomputed. */
  recomputed: number;
  /** Pages dropped (no accepted measurement since the drop day). */
  dropped: number;
}

/** Site measurements: pages, their samples and the page-weight distribution (the only tables the API writes). */
export interface SiteStore {
  /**
   * Stores a field sample (one transaction), then the page's figure recomputed from the samples
   * read in that transaction; answers the page as stored now, and whether this measurement
   * created it. Null when the URL is new and the client has already created its quota of new
   * pages today: nothing is stored then.
   */
  recordField(input: FieldSampleInput): Promise<{ page: SitePageRecord; created: boolean } | null>;
  /**
   * Stores a lab test as the page's `lab` sample of its day (creating the page when the URL is
   * new, with no field measurement), then the page's figures recomputed as recordField does;
   * answers the page as stored now. Lab tests are not limited by the new-page quota.
   */
  recordLab(input: LabSampleInput): Promise<SitePageRecord>;
  /** A page by its normalised URL, or null. One index lookup and one pass over the buckets. */
  find(url: string): Promise<SitePageRecord | null>;
  /**
   * One retention pass of at most `limit` pages each: drops pages whose latest measurement is
   * before `dropBeforeDay`, then deletes samples before `windowStartDay` and recomputes the pages
   * that had some; forgets new-page quotas of days before `today`.
   */
  prune(options: {
    today: number;
    windowStartDay: number;
    dropBeforeDay: number;
    limit: number;
  }): Promise<PruneResult>;
  /** The client-key secret kept in the database, generated on first use. */
  storedSecret(): Promise<string>;
}

const PER_GROUP = sql.raw(String(SITE_BUCKETS_PER_GROUP));

/** A row of the page-and-distribution read. */
interface PageRow {
  id: number;
  url: string;
  field_bytes: number | null;
  field_coverage: number | null;
  field_clients: number;
  lab_bytes: number | null;
  lab_tested_at: string | null;
  lab_coverage: number | null;
  measurements: number;
  first_measured_at: string;
  measured_at: string;
  version: number;
  figure_version: number;
  bucket: number | null;
  ranked: number;
  distribution_pages: number | null;
  higher_pages: number | null;
  bucket_pages: number | null;
}

function recordOf(row: PageRow): SitePageRecord {
  return {
    id: Number(row.id),
    url: row.url,
    fieldBytes: row.field_bytes === null ? null : Number(row.field_bytes),
    fieldCoverage: row.field_coverage === null ? null : Number(row.field_coverage),
    fieldClients: Number(row.field_clients),
    labBytes: row.lab_bytes === null ? null : Number(row.lab_bytes),
    labTestedAt: row.lab_tested_at,
    labCoverage: row.lab_coverage === null ? null : Number(row.lab_coverage),
    measurements: Number(row.measurements),
    firstMeasuredAt: row.first_measured_at,
    measuredAt: row.measured_at,
    version: Number(row.version),
    figureVersion: Number(row.figure_version),
    bucket: row.bucket === null ? null : Number(row.bucket),
    ranked: Number(row.ranked) === 1,
    distributionPages: Number(row.distribution_pages ?? 0),
    higherPages: Number(row.higher_pages ?? 0),
    bucketPages: Number(row.bucket_pages ?? 0),
  };
}

/**
 * The served bytes of a `site_pages` row in SQL, as servedSiteFigure computes them: the field
 * figure from 3 clients, else the lab figure, else the field figure (null: neither).
 */
const SERVED_BYTES =
  sql.raw(`CASE WHEN field_bytes IS NOT NULL AND field_clients >= ${SITE_FIELD_CLIENTS_OVER_LAB}
      THEN field_bytes ELSE coalesce(lab_bytes, field_bytes) END`);

/**
 * The read of one page: its row by the URL's unique index, and where it stands in the
 * distribution from at most 31 group counts, 39 bucket counts and its own bucket's count (a
 * constant, whatever the number of pages). `site_pages.bucket` is set for ranked pages only (the
 * triggers count those); an unranked page's bucket is looked up from its served bytes in the
 * bucket edges' unique index (one row). The coverage of the latest lab sample (one row of the
 * samples' primary key) says whether the lab figure is a lower bound.
 */
export function siteReadQuery(url: string): SQL {
  return sql`SELECT p.id, p.url, p.field_bytes, p.field_coverage, p.field_clients, p.lab_bytes,
      p.lab_tested_at, p.measurements,
      (SELECT s.coverage FROM site_samples AS s WHERE s.page_id = p.id AND s.source = 'lab'
        ORDER BY s.day DESC, s.measured_at DESC LIMIT 1) AS lab_coverage,
      p.first_measured_at, p.measured_at, p.version, p.figure_version, p.at AS bucket, p.ranked,
      (SELECT sum(pages) FROM site_bucket_groups) AS distribution_pages,
      coalesce((SELECT sum(pages) FROM site_bucket_groups WHERE grp > p.at / ${PER_GROUP}), 0)
        + coalesce((SELECT sum(pages) FROM site_buckets
            WHERE bucket > p.at AND bucket < (p.at / ${PER_GROUP} + 1) * ${PER_GROUP}), 0) AS higher_pages,
      (SELECT pages FROM site_buckets WHERE bucket = p.at) AS bucket_pages
    FROM (SELECT *, bucket IS NOT NULL AS ranked, coalesce(bucket, (SELECT b.bucket FROM site_buckets AS b
          WHERE b.min_bytes <= ${SERVED_BYTES} ORDER BY b.min_bytes DESC LIMIT 1)) AS at
        FROM site_pages WHERE url = ${url}) AS p`;
}

const SECRET_NAME = 'site-client-key';

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * What a recompute starts from: the page's figures as stored, its field samples of the window and
 * its latest lab sample.
 */
interface PageState {
  id: number;
  /** The page's version when its samples were read. */
  version: number;
  fieldBytes: number | null;
  fieldCoverage: number | null;
  labBytes: number | null;
  labTestedAt: string | null;
  samples: FigureSample[];
  /** The latest lab sample, whatever its day (null: none left). */
  lab: { bytes: number; testedAt: string } | null;
}

/** The site store over drizzle: the same SQL on libSQL (Node, Turso) and D1. */
export function createDrizzleSiteStore(
  db: EmpreinteDatabase,
  options: { prepared?: PreparedConnection } = {},
): SiteStore {
  const { all, batch, batchThen } = sqlRunnerOf(db, options.prepared);
  let secret: Promise<string> | undefined;

  /**
   * The page's state, read in the batch that changed its samples (after the statement that bumped
   * its version): the version and the samples belong together. One statement: the field samples
   * come as a JSON array of [bytes, coverage, day] (first_view is stored, not used by the figure),
   * the latest lab sample as [bytes, measured_at].
   */
  const stateQuery = (page: SQL, from: number) =>
    sql`SELECT p.id, p.version, p.field_bytes, p.field_coverage, p.lab_bytes, p.lab_tested_at,
        (SELECT json_group_array(json_array(s.bytes, s.coverage, s.day)) FROM site_samples AS s
          WHERE s.page_id = p.id AND s.source = 'field' AND s.day >= ${from}) AS samples,
        (SELECT json_array(s.bytes, s.measured_at) FROM site_samples AS s
          WHERE s.page_id = p.id AND s.source = 'lab' ORDER BY s.day DESC, s.measured_at DESC LIMIT 1) AS lab
      FROM site_pages AS p WHERE p.id = ${page}`;
  const stateOf = (rows: unknown): PageState | null => {
    const row = (rows as Record<string, unknown>[])[0];
    if (!row) return null;
    const samples = JSON.parse(String(row.samples)) as [number, number | null, number][];
    const lab = row.lab === null ? null : (JSON.parse(String(row.lab)) as [number, string]);
    return {
      id: Number(row.id),
      version: Number(row.version),
      fieldBytes: row.field_bytes === null ? null : Number(row.field_bytes),
      fieldCoverage: row.field_coverage === null ? null : Number(row.field_coverage),
      labBytes: row.lab_bytes === null ? null : Number(row.lab_bytes),
      labTestedAt: row.lab_tested_at === null ? null : String(row.lab_tested_at),
      samples: samples.map(([bytes, coverage, day]) => ({ bytes, coverage, day })),
      lab: lab ? { bytes: lab[0], testedAt: lab[1] } : null,
    };
  };

  /**
   * Writes the figures computed from `state` (src/models/site-figure.ts) unless figures from a
   * newer state are already stored: concurrent writers (field and lab alike) need no retry, the
   * newest read wins and it saw every sample written before it. A page whose field samples have
   * all left the window keeps its last field figure, with 0 clients; one whose lab samples have
   * left keeps its last lab figure. Only a ranked page (a field figure, and at least
   * SITE_RANKED_MIN_CLIENTS distinct clients on one day of the window) has a bucket, its served
   * figure's; any other page has none. Setting it fires the triggers that move the distribution's counts
   * (drizzle/0005_site_samples.sql), so `cleaner_than` ranks against ranked pages only.
   */
  const figureStatement = (state: PageState) => {
    const figure = siteFigure(state.samples);
    const fieldBytes = figure?.bytes ?? state.fieldBytes;
    const fieldClients = figure?.clients ?? 0;
    const lab = state.lab ?? { bytes: state.labBytes, testedAt: state.labTestedAt };
    const served = servedSiteFigure({ fieldBytes, fieldClients, labBytes: lab.bytes });
    const ranked = served !== null && isRankedPage({ fieldBytes, dayClients: figure?.dayClients ?? 0 });
    return sql`UPDATE site_pages SET field_bytes = ${fieldBytes},
        field_coverage = ${figure ? figure.coverage : state.fieldCoverage},
        field_clients = ${fieldClients},
        lab_bytes = ${lab.bytes}, lab_tested_at = ${lab.testedAt},
        bucket = ${ranked ? siteBucketOf(served.bytes) : null},
        oldest_day = (SELECT min(day) FROM site_samples WHERE page_id = ${state.id}),
        figure_version = ${state.version}
      WHERE id = ${state.id} AND figure_version < ${state.version}`;
  };

  return {
    async recordField(input) {
      const page = sql`(SELECT id FROM site_pages WHERE url = ${input.url})`;
      const sameDay = sql`page_id = ${page} AND source = 'field' AND day = ${input.day}`;
      const isNew = sql`NOT EXISTS (SELECT 1 FROM site_pages WHERE url = ${input.url})`;
      const [results, after] = await batchThen(
        [
          // A new page counts against the client's quota of the day…
          sql`INSERT INTO site_new_pages (client, day, pages) SELECT ${input.client}, ${input.day}, 1 WHERE ${isNew}
          ON CONFLICT (client) DO UPDATE SET pages = pages + 1`,
          // …and is only created within it; a stored page is always counted.
          sql`INSERT INTO site_pages (url, measurements, first_measured_at, measured_at, last_day, version)
          SELECT ${input.url}, 1, ${input.measuredAt}, ${input.measuredAt}, ${input.day}, 1
          WHERE NOT ${isNew} OR (SELECT pages FROM site_new_pages WHERE client = ${input.client}) <= ${input.newPagesPerDay}
          ON CONFLICT (url) DO UPDATE SET measurements = measurements + 1, version = version + 1,
            measured_at = max(measured_at, excluded.measured_at), last_day = max(last_day, excluded.last_day)
          RETURNING version`,
          // A client's later measurement of the day replaces its own sample.
          sql`INSERT INTO site_samples (page_id, source, day, client, bytes, coverage, first_view, measured_at)
          SELECT id, 'field', ${input.day}, ${input.client}, ${input.bytes}, ${input.coverage},
            ${input.firstView === null ? null : input.firstView ? 1 : 0}, ${input.measuredAt}
          FROM site_pages WHERE url = ${input.url}
          ON CONFLICT (page_id, source, day, client) DO UPDATE SET bytes = excluded.bytes,
            coverage = excluded.coverage, first_view = excluded.first_view, measured_at = excluded.measured_at`,
          // Bottom-k: keep the day's samples with the lowest client keys.
          sql`DELETE FROM site_samples WHERE ${sameDay} AND client > (
          SELECT client FROM site_samples WHERE ${sameDay} ORDER BY client
          LIMIT 1 OFFSET ${SITE_FIELD_SAMPLES_PER_DAY - 1})`,
          stateQuery(page, input.windowStartDay),
        ],
        (results) => {
          const state = stateOf(results[4]);
          // A new page over the client's quota: nothing was stored.
          return state ? [figureStatement(state), siteReadQuery(input.url)] : [];
        },
      );
      if (after.length === 0) return null;
      const row = (after[1] as unknown as PageRow[])[0];
      if (!row) throw new Error('the measured page vanished before its answer');
      // Version 1: this statement inserted the row (a page created by a lab test is not new).
      const version = Number((results[1] as { version: number }[])[0]?.version);
      return { page: recordOf(row), created: version === 1 };
    },

    async recordLab(input) {
      const page = sql`(SELECT id FROM site_pages WHERE url = ${input.url})`;
      const [, after] = await batchThen(
        [
          sql`INSERT INTO site_pages (url, measurements, first_measured_at, measured_at, last_day, version)
          VALUES (${input.url}, 0, ${input.testedAt}, ${input.testedAt}, ${input.day}, 1)
          ON CONFLICT (url) DO UPDATE SET version = version + 1,
            measured_at = max(measured_at, excluded.measured_at), last_day = max(last_day, excluded.last_day)`,
          // A later test that day replaces the day's lab sample (an earlier one arriving late does not).
          sql`INSERT INTO site_samples (page_id, source, day, client, bytes, coverage, first_view, measured_at)
          SELECT id, 'lab', ${input.day}, ${LAB_SAMPLE_CLIENT}, ${input.bytes}, ${input.coverage ?? 1}, 1, ${input.testedAt}
          FROM site_pages WHERE url = ${input.url}
          ON CONFLICT (page_id, source, day, client) DO UPDATE SET bytes = excluded.bytes,
            coverage = excluded.coverage, measured_at = excluded.measured_at
            WHERE excluded.measured_at >= site_samples.measured_at`,
          stateQuery(page, input.windowStartDay),
        ],
        (results) => {
          const state = stateOf(results[2]);
          if (!state) throw new Error('the tested page vanished before its figure');
          return [figureStatement(state), siteReadQuery(input.url)];
        },
      );
      const row = (after[1] as unknown as PageRow[])[0];
      if (!row) throw new Error('the tested page vanished before its answer');
      return recordOf(row);
    },

    async find(url) {
      const row = (await all(siteReadQuery(url)))[0] as PageRow | undefined;
      return row ? recordOf(row) : null;
    },

    async prune({ today, windowStartDay, dropBeforeDay, limit }) {
      await batch([sql`DELETE FROM site_new_pages WHERE day < ${today}`]);
      const stale = await all(
        sql`SELECT id FROM site_pages WHERE last_day < ${dropBeforeDay} LIMIT ${limit}`,
      );
      for (const { id } of stale) {
        await batch([
          sql`DELETE FROM site_samples WHERE page_id = ${id}`,
          sql`DELETE FROM site_pages WHERE id = ${id}`,
        ]);
      }
      const old = await all(
        sql`SELECT id FROM site_pages WHERE oldest_day < ${windowStartDay} LIMIT ${limit}`,
      );
      for (const { id } of old) {
        const page = sql`${Number(id)}`;
        const [, , stateRows] = await batch([
          sql`DELETE FROM site_samples WHERE page_id = ${page} AND day < ${windowStartDay}`,
          sql`UPDATE site_pages SET version = version + 1 WHERE id = ${page}`,
          stateQuery(page, windowStartDay),
        ]);
        const state = stateOf(stateRows);
        if (state) await batch([figureStatement(state)]);
      }
      return { recomputed: old.length, dropped: stale.length };
    },

    storedSecret() {
      secret ??= (async () => {
        const [, rows] = await batch([
          sql`INSERT INTO site_secrets (name, value) VALUES (${SECRET_NAME}, ${randomSecret()})
            ON CONFLICT (name) DO NOTHING`,
          sql`SELECT value FROM site_secrets WHERE name = ${SECRET_NAME}`,
        ]);
        const value = (rows as { value: string }[])[0]?.value;
        if (!value) throw new Error('the client-key secret could not be stored');
        return value;
      })().catch((error) => {
        secret = undefined; // retry on the next measurement
        throw error;
      });
      return secret;
    },
  };
}
