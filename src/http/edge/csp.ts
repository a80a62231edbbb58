/** The landing page serves its scripts and styles from this origin, none inline. */
export const LANDING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * /docs is Swagger UI served by the API itself (src/http/routes/docs/): its bundle, stylesheet and
 * boot script come from this origin, none inline, and it reads /openapi.json from it. Swagger UI's
 * stylesheet draws its icons as `data:` SVG images (the one source that is not 'self'; no origin).
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
