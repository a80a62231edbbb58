import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AppDeps } from '../../http/deps.js';
import {
  DOCS_VENDOR_FILES,
  DOCS_VENDOR_PACKAGE,
  type DocsVendorFile,
} from '../../http/routes/docs/docs-page.js';

const gzipAsync = promisify(gzip);

/**
 * The Swagger UI files of /docs, read from the installed swagger-ui-dist package (found from this
 * module: `src/entries/node/` or the `dist/node/` bundle). Each file is read, and gzipped, once on
 * first request and kept (two files: 1.9 MB, 0.5 MB gzipped).
 */
export function packageDocsAssets(): NonNullable<AppDeps['docsAsset']> {
  const dir = dirname(createRequire(import.meta.url).resolve(`${DOCS_VENDOR_PACKAGE}/package.json`));
  const plain = new Map<DocsVendorFile, Promise<Uint8Array>>();
  const gzipped = new Map<DocsVendorFile, Promise<Uint8Array>>();
  // A failed read is not kept: the next request tries again.
  const once = (
    cache: Map<DocsVendorFile, Promise<Uint8Array>>,
    file: DocsVendorFile,
    load: () => Promise<Uint8Array>,
  ) => {
    let bytes = cache.get(file);
    if (!bytes) {
      bytes = load();
      bytes.catch(() => cache.delete(file));
      cache.set(file, bytes);
    }
    return bytes;
  };
  const read = (file: DocsVendorFile) => {
    if (!Object.hasOwn(DOCS_VENDOR_FILES, file))
      return Promise.reject(new Error(`not a /docs file: ${file}`));
    return once(plain, file, () => readFile(join(dir, file)));
  };
  return async (file, gzip) =>
    gzip
      ? { body: await once(gzipped, file, async () => gzipAsync(await read(file), { level: 9 })), gzip: true }
      : { body: await read(file), gzip: false };
}
