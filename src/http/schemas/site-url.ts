import { z } from '@hono/zod-openapi';
import { normaliseSiteUrl, SITE_URL_INPUT_MAX_CHARS } from '../../services/site-url.js';

/** An http(s) URL, answered as its normalised form (docs/badge.md, "Site measurements"). */
export const siteUrl = () =>
  z
    .string()
    .max(SITE_URL_INPUT_MAX_CHARS)
    .transform((value, ctx) => {
      const result = normaliseSiteUrl(value);
      if (result.ok) return result.url;
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    });

/** What `siteUrl()` accepts, for field descriptions. */
export const SITE_URL_RULES =
  'http(s), no user-info, host at most 253 characters, at most 2,048 characters once normalised: lower-case ' +
  'scheme and host, no default port, query or fragment, no trailing slash except the root.';
