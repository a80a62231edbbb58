/** The landing page serves its scripts and styles from this origin, none inline. */
export const LANDING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * /docs is Swagger UI: its bundle and stylesheet come from cdn.jsdelivr.net and it boots from one
 * inline script, allowed by its hash (computed from the page itself, so it follows the package).
 * Styles: Swagger UI sets inline styles, hence 'unsafe-inline' for style-src only.
 */
export function docsCsp(inlineScriptHashes: string[]): string {
  const hashes = inlineScriptHashes.map((h) => `'sha256-${h}'`).join(' ');
  return (
    `default-src 'none'; script-src ${hashes} https://cdn.jsdelivr.net; ` +
    "style-src https://cdn.jsdelivr.net 'unsafe-inline'; img-src 'self' data: https://cdn.jsdelivr.net; " +
    "connect-src 'self'; font-src https://cdn.jsdelivr.net; base-uri 'none'; form-action 'self'; " +
    "frame-ancestors 'none'"
  );
}

/** SHA-256 (base64) of each inline `<script>` of an HTML page, as CSP hash sources. */
export async function inlineScriptHashes(html: string): Promise<string[]> {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(m[2] ?? ''));
    let bin = '';
    for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
    out.push(btoa(bin));
  }
  return out;
}
