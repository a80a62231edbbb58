import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../../src/entries/worker/main.js';

declare global {
  namespace Cloudflare {
    /** `env` in worker tests: the Worker's bindings plus the migrations the pool hands in. */
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../../src/entries/worker/main.js');
    }
  }
}
