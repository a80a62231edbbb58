import { parentPort, workerData } from 'node:worker_threads';
import { LabUnavailableError } from '../../../services/lab/lab-browser.js';
import { targetPolicy } from '../../../services/lab/target-policy.js';
import { createChromiumLab } from './chromium-lab.js';
import type { LabThreadData, LabThreadReply, LabThreadRequest } from './thread-lab.js';

// The lab's worker thread (src/entries/node/lab/thread-lab.ts): one Chromium, the guard proxies of
// its tests, and playwright-core, none of them in the API's thread.

const port = parentPort;
if (!port) throw new Error('lab-thread.ts runs as a worker thread (thread-lab.ts starts it)');
const data = workerData as LabThreadData;
const lab = createChromiumLab({
  executablePath: data.executablePath,
  policy: targetPolicy(data.policy),
  ...(data.limits ? { limits: data.limits } : {}),
});

const reply = (message: LabThreadReply) => port.postMessage(message);

port.on('message', async (request: LabThreadRequest) => {
  if (request.type === 'close') {
    await lab.close().catch(() => undefined);
    port.close();
    return;
  }
  try {
    reply({ id: request.id, outcome: await lab.measure(request.url) });
  } catch (error) {
    if (error instanceof LabUnavailableError) reply({ id: request.id, unavailable: error.detail });
    else reply({ id: request.id, failure: String((error as Error)?.message ?? error) });
  }
});
