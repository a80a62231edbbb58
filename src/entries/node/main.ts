import { DEFAULT_DATABASE_URL } from './database.js';
import { edgeSettingsFromEnv, integerSetting } from './edge.js';
import { labOptionsFromEnv } from './lab/settings.js';
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, startNodeServer } from './server.js';

/** A timeout in ms; 0 would switch Node's timeout off, so it is refused. */
function positiveSetting(name: string, fallback: number): number {
  const value = integerSetting(name, process.env[name], fallback);
  if (value === 0) throw new Error(`${name} must be > 0.`);
  return value;
}

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const lab = labOptionsFromEnv(process.env);
const server = await startNodeServer({
  port: integerSetting('PORT', process.env.PORT, 3000),
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl,
  databaseAuthToken: process.env.DATABASE_AUTH_TOKEN,
  edge: edgeSettingsFromEnv(process.env),
  shutdownTimeoutMs: integerSetting('SHUTDOWN_TIMEOUT_MS', process.env.SHUTDOWN_TIMEOUT_MS, 10_000),
  lab,
  siteKeySecret: process.env.SITE_KEY_SECRET || undefined,
  publicUrl: process.env.PUBLIC_URL,
  headersTimeoutMs: positiveSetting('HEADERS_TIMEOUT_MS', DEFAULT_HEADERS_TIMEOUT_MS),
  requestTimeoutMs: positiveSetting('REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS),
});
console.log(`Empreinte listening on ${server.url} (database ${databaseUrl}, data ${server.dataVersion})`);
if ('missing' in lab.chromium)
  console.warn(`Lab tests disabled (POST /v1/sites/tests answers 503): ${lab.chromium.missing}`);
else console.log(`Lab tests: Chromium at ${lab.chromium.path}`);
if (lab.allowPrivate)
  console.warn(
    'SITE_TESTS_ALLOW_PRIVATE is on: lab tests may load private addresses and any port. Unsafe on a public server.',
  );

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (SHUTDOWN_TIMEOUT_MS), flush the
// access log, close the database, exit 0. A second signal exits at once.
const shutdown = (signal: string) => {
  console.log(`${signal}: closing`);
  process.once(signal, () => process.exit(1));
  server.close().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
