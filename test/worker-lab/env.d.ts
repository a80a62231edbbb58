import type { D1Migration } from 'cloudflare:test';
import type { LabEnv } from '../../src/entries/worker/lab.js';
import type { Env as WorkerEnv } from '../../src/entries/worker/main.js';

declare global {
  namespace Cloudflare {
    /** `env` in the lab Worker tests: both Workers' bindings, the migrations, the fake browser. */
    interface Env extends WorkerEnv, LabEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
