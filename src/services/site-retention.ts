import type { PruneResult, SiteStore } from '../factors/site-store.js';
import { SITE_PAGE_RETENTION_DAYS, utcDay, windowStartDay } from '../models/site-figure.js';

export interface PruneOptions {
  /** Pages handled per store pass. Default 100. */
  pagesPerPass?: number;
  /** Stop after this many pages in all (the rest waits for the next run). Default: no limit. */
  maxPages?: number;
  /** Awaited between passes, to let requests run (Node: a macrotask turn). */
  pause?: () => Promise<void>;
}

/**
 * The retention job: deletes samples older than the window (30 days) and recomputes the figures
 * of the pages that had some, drops pages without an accepted measurement for 400 days (in passes
 * of a few pages, each page in its own transaction), and forgets past days' new-page quotas.
 */
export async function pruneSites(
  store: SiteStore,
  now: Date,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const today = utcDay(now.getTime());
  const limit = options.pagesPerPass ?? 100;
  const max = options.maxPages ?? Number.POSITIVE_INFINITY;
  const total: PruneResult = { recomputed: 0, dropped: 0 };
  for (;;) {
    const pass = await store.prune({
      today,
      windowStartDay: windowStartDay(today),
      dropBeforeDay: today - SITE_PAGE_RETENTION_DAYS,
      limit,
    });
    total.recomputed += pass.recomputed;
    total.dropped += pass.dropped;
    if (pass.recomputed + pass.dropped === 0 || total.recomputed + total.dropped >= max) return total;
    await options.pause?.();
  }
}
