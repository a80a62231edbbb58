import { eq, sql } from 'drizzle-orm';
import type { EmpreinteDatabase } from './drizzle-store.js';
import { sites } from './schema.js';

/** One stored page: its latest measurement and how many measurements it has had. */
export interface SiteRecord {
  /** Normalised URL (the key). */
  url: string;
  bytes: number;
  model: string;
  co2eG: number;
  rating: string | null;
  measurements: number;
  firstMeasuredAt: string;
  measuredAt: string;
}

/** What a measurement writes; `measurements` and `firstMeasuredAt` are the store's business. */
export interface SiteMeasurementInput {
  url: string;
  bytes: number;
  model: string;
  co2eG: number;
  rating: string | null;
  /** ISO 8601 instant of the measurement. */
  measuredAt: string;
}

/** The counts `cleaner_than` needs, computed by SQL at read time. */
export interface SiteRanking {
  /** n: stored pages other than this URL. */
  otherPages: number;
  /** k: other stored pages whose per-view co2e is strictly higher than `co2eG`. */
  otherPagesHigher: number;
}

/** The site measurements store (the only table the API writes). */
export interface SiteStore {
  /**
   * Inserts the URL's row or replaces its measurement and increments `measurements`, in one
   * atomic statement; returns the row as written (`measurements === 1` when it is new).
   */
  record(input: SiteMeasurementInput): Promise<SiteRecord>;
  /** The row of a normalised URL with its ranking counts, or null when the URL is unknown. */
  find(url: string): Promise<(SiteRecord & SiteRanking) | null>;
  /** Ranking counts of a page of `co2eG` against every stored page but `url`. */
  ranking(url: string, co2eG: number): Promise<SiteRanking>;
}

const columns = {
  url: sites.url,
  bytes: sites.bytes,
  model: sites.model,
  co2eG: sites.co2eG,
  rating: sites.rating,
  measurements: sites.measurements,
  firstMeasuredAt: sites.firstMeasuredAt,
  measuredAt: sites.measuredAt,
};

/** The site store over drizzle: the same SQL on libSQL (Node, Turso) and D1. */
export function createDrizzleSiteStore(db: EmpreinteDatabase): SiteStore {
  return {
    async record(input) {
      // INSERT … ON CONFLICT(url) DO UPDATE … RETURNING: one statement, so concurrent
      // measurements of one URL serialise in the database and never lose a count.
      const rows = await db
        .insert(sites)
        .values({ ...input, measurements: 1, firstMeasuredAt: input.measuredAt })
        .onConflictDoUpdate({
          target: sites.url,
          set: {
            bytes: sql`excluded.bytes`,
            model: sql`excluded.model`,
            co2eG: sql`excluded.co2e_g`,
            rating: sql`excluded.rating`,
            measuredAt: sql`excluded.measured_at`,
            measurements: sql`${sites.measurements} + 1`,
          },
        })
        .returning(columns);
      const row = rows[0];
      if (!row) throw new Error('the site upsert returned no row');
      return row;
    },

    // Counts stay cheap on a large table: count(*) of the whole table is SQLite's b-tree count,
    // the URL is the primary key, and "strictly higher" is a range of the co2e_g index.
    async find(url) {
      // One statement: the row and its ranking counts read from the same snapshot.
      const rows = await db
        .select({
          ...columns,
          otherPages: sql<number>`(SELECT count(*) FROM sites) - 1`.mapWith(Number),
          otherPagesHigher: sql<number>`(SELECT count(*) FROM sites AS other
            WHERE other.co2e_g > sites.co2e_g AND other.url <> sites.url)`.mapWith(Number),
        })
        .from(sites)
        .where(eq(sites.url, url));
      return rows[0] ?? null;
    },

    async ranking(url, co2eG) {
      const rows = await db
        .select({
          otherPages:
            sql<number>`(SELECT count(*) FROM sites) - (SELECT count(*) FROM sites WHERE url = ${url})`.mapWith(
              Number,
            ),
          otherPagesHigher:
            sql<number>`(SELECT count(*) FROM sites WHERE co2e_g > ${co2eG} AND url <> ${url})`.mapWith(
              Number,
            ),
        })
        .from(sql`(SELECT 1)`);
      return rows[0] ?? { otherPages: 0, otherPagesHigher: 0 };
    },
  };
}
