// The lab thread when the server runs from source (tsx, the tests): lab-thread.ts through tsx's
// loader, registered in this thread first. The bundle `npm start` builds runs lab-thread.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./lab-thread.ts');
