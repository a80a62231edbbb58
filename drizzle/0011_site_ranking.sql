-- Site figures (issue 20): only pages with a field figure and at least 3 distinct clients on one UTC
-- day of the 30-day window are ranked, i.e. counted in the page-weight histogram that cleaner_than
-- reads (src/models/site-figure.ts, isRankedPage). Pages stored before this rule keep their bucket
-- until their next write; this un-ranks the ones that do not qualify now, and the bucket triggers
-- of 0005_site_samples take them out of the histogram's counts. Day numbers are UTC days since the
-- epoch, as utcDay() computes them.
UPDATE `site_pages` SET `bucket` = NULL
WHERE `bucket` IS NOT NULL AND (
  `field_bytes` IS NULL OR NOT EXISTS (
    SELECT 1 FROM `site_samples` AS s
    WHERE s.`page_id` = `site_pages`.`id` AND s.`source` = 'field'
      AND s.`day` >= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 29
    GROUP BY s.`day` HAVING count(*) >= 3
  )
);
