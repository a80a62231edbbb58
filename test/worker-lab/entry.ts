import lab from '../../src/entries/worker/lab.js';
import api from '../../src/entries/worker/main.js';

// The API Worker and the lab Worker as one test Worker, so that workerd's local queue carries a
// test from one to the other: `fetch` is the API Worker's, `queue` the lab Worker's.
export default {
  fetch: api.fetch,
  queue: lab.queue,
};
