// A fake Cloudflare Browser Rendering binding for workerd tests: the acquire and websocket routes
// that @cloudflare/puppeteer calls, and a small scripted Chrome DevTools Protocol browser behind
// them. Pages are scripted below: each request is paused (Fetch.requestPaused) and only sent once
// the client continues it; an out-of-process iframe attaches as its own session. GET /state
// answers what happened (acquisitions, requests continued or failed).

/** Scripted pages: the document, its resources, and an iframe on another site. */
const PAGES = {
  'https://lab.test/': {
    status: 200,
    bytes: 10_000,
    resources: [
      { url: 'https://lab.test/app.js', bytes: 20_000 },
      { url: 'https://cdn.other.test/lib.js', bytes: 30_000 },
      { url: 'http://169.254.169.254/latest/meta-data/', bytes: 999 },
      {
        url: 'https://lab.test/old.css',
        bytes: 200,
        redirectTo: 'https://lab.test/new.css',
        finalBytes: 7_000,
      },
    ],
    frame: {
      url: 'https://frame.other.test/',
      bytes: 5_000,
      resources: [{ url: 'https://frame.other.test/img.png', bytes: 15_000 }],
    },
  },
  'https://lab.test/missing': { status: 404, bytes: 300, resources: [] },
};

const state = { acquisitions: 0, continued: [], failed: [], methods: [] };

class FakeBrowser {
  constructor(socket) {
    this.socket = socket;
    this.sessions = new Map(); // sessionId → { targetId, type }
    this.decisions = new Map(); // Fetch requestId → resolve(decision)
    this.childScripts = new Map(); // sessionId → script to run once the child may start
    this.counter = 0;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      this.handle(message).catch((error) =>
        this.send({
          id: message.id,
          sessionId: message.sessionId,
          error: { code: -32000, message: String(error) },
        }),
      );
    });
  }

  send(message) {
    const out = { ...message };
    if (out.sessionId === undefined) delete out.sessionId;
    this.socket.send(JSON.stringify(out));
  }

  event(sessionId, method, params) {
    this.send({ sessionId, method, params });
  }

  next(prefix) {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  attach(parentSessionId, targetInfo, waitingForDebugger) {
    const sessionId = this.next('session');
    this.sessions.set(sessionId, { targetId: targetInfo.targetId, type: targetInfo.type });
    this.event(parentSessionId, 'Target.attachedToTarget', { sessionId, targetInfo, waitingForDebugger });
    return sessionId;
  }

  /** Pauses a request and waits for the client's verdict. */
  pause(sessionId, url, resourceType) {
    const requestId = this.next('fetch');
    const decided = new Promise((resolve) => this.decisions.set(requestId, resolve));
    this.event(sessionId, 'Fetch.requestPaused', {
      requestId,
      request: { url, method: 'GET', headers: {}, initialPriority: 'High', referrerPolicy: 'no-referrer' },
      frameId: 'page-1',
      resourceType,
    });
    return decided;
  }

  /** One resource: paused, then sent (with its redirect) or failed. */
  async load(sessionId, resource, type) {
    const requestId = this.next('request');
    if ((await this.pause(sessionId, resource.url, type)) === 'fail') {
      state.failed.push(resource.url);
      return;
    }
    state.continued.push(resource.url);
    const request = (url) => ({
      url,
      method: 'GET',
      headers: {},
      initialPriority: 'High',
      referrerPolicy: 'no-referrer',
    });
    this.event(sessionId, 'Network.requestWillBeSent', {
      requestId,
      loaderId: 'L1',
      request: request(resource.url),
      type,
    });
    let url = resource.url;
    let bytes = resource.bytes;
    if (resource.redirectTo) {
      if ((await this.pause(sessionId, resource.redirectTo, type)) === 'fail') {
        state.failed.push(resource.redirectTo);
        this.event(sessionId, 'Network.loadingFailed', {
          requestId,
          errorText: 'net::ERR_BLOCKED_BY_CLIENT',
          type,
        });
        return;
      }
      state.continued.push(resource.redirectTo);
      this.event(sessionId, 'Network.requestWillBeSent', {
        requestId,
        loaderId: 'L1',
        request: request(resource.redirectTo),
        type,
        redirectResponse: {
          url,
          status: 301,
          statusText: 'Moved Permanently',
          headers: {},
          encodedDataLength: bytes,
        },
      });
      url = resource.redirectTo;
      bytes = resource.finalBytes;
    }
    this.event(sessionId, 'Network.responseReceived', {
      requestId,
      loaderId: 'L1',
      type,
      frameId: 'page-1',
      response: { url, status: 200, statusText: 'OK', headers: {}, encodedDataLength: 0 },
    });
    this.event(sessionId, 'Network.loadingFinished', { requestId, encodedDataLength: bytes });
  }

  async navigate(sessionId, url, reply) {
    const page = PAGES[url];
    if ((await this.pause(sessionId, url, 'Document')) === 'fail') {
      state.failed.push(url);
      reply({ frameId: 'page-1', loaderId: 'L1', errorText: 'net::ERR_BLOCKED_BY_CLIENT' });
      return;
    }
    if (!page) {
      reply({ frameId: 'page-1', loaderId: 'L1', errorText: 'net::ERR_NAME_NOT_RESOLVED' });
      return;
    }
    state.continued.push(url);
    reply({ frameId: 'page-1', loaderId: 'L1' });
    this.event(sessionId, 'Network.requestWillBeSent', {
      requestId: 'L1',
      loaderId: 'L1',
      request: { url, method: 'GET', headers: {} },
      type: 'Document',
      frameId: 'page-1',
    });
    this.event(sessionId, 'Network.responseReceived', {
      requestId: 'L1',
      loaderId: 'L1',
      type: 'Document',
      frameId: 'page-1',
      response: {
        url,
        status: page.status,
        statusText: page.status === 200 ? 'OK' : 'Not Found',
        headers: {},
      },
    });
    this.event(sessionId, 'Network.loadingFinished', { requestId: 'L1', encodedDataLength: page.bytes });
    this.event(sessionId, 'Page.domContentEventFired', { timestamp: 1 });
    await Promise.all(page.resources.map((r) => this.load(sessionId, r, 'Script')));
    if (page.frame) {
      const frame = page.frame;
      await new Promise((started) => {
        const child = this.attach(
          sessionId,
          {
            targetId: 'frame-1',
            type: 'iframe',
            title: '',
            url: frame.url,
            attached: true,
            canAccessOpener: false,
          },
          true,
        );
        this.childScripts.set(child, async () => {
          await this.load(child, { url: frame.url, bytes: frame.bytes }, 'Document');
          await Promise.all(frame.resources.map((r) => this.load(child, r, 'Image')));
          started();
        });
      });
    }
    this.event(sessionId, 'Page.loadEventFired', { timestamp: 2 });
  }

  async handle({ id, method, params = {}, sessionId }) {
    state.methods.push(method);
    const reply = (result = {}) => this.send({ id, sessionId, result });
    switch (method) {
      case 'Browser.getVersion':
        return reply({
          protocolVersion: '1.3',
          product: 'HeadlessChrome/124.0.0.0',
          revision: '0',
          userAgent: 'Mozilla/5.0 HeadlessChrome/124.0.0.0',
          jsVersion: '12.4',
        });
      case 'Target.getBrowserContexts':
        return reply({ browserContextIds: [] });
      case 'Target.setDiscoverTargets':
        reply();
        return this.event(undefined, 'Target.targetCreated', {
          targetInfo: {
            targetId: 'browser',
            type: 'browser',
            title: '',
            url: '',
            attached: true,
            canAccessOpener: false,
          },
        });
      case 'Target.attachToTarget': {
        const type = params.targetId === 'browser' ? 'browser' : 'page';
        const child = this.attach(
          sessionId,
          {
            targetId: params.targetId,
            type,
            title: '',
            url: 'about:blank',
            attached: true,
            canAccessOpener: false,
          },
          false,
        );
        return reply({ sessionId: child });
      }
      case 'Target.createTarget':
        return reply({ targetId: 'page-1' });
      case 'Fetch.continueRequest':
      case 'Fetch.failRequest':
        this.decisions.get(params.requestId)?.(method === 'Fetch.failRequest' ? 'fail' : 'continue');
        return reply();
      case 'Runtime.runIfWaitingForDebugger': {
        reply();
        const script = this.childScripts.get(sessionId);
        this.childScripts.delete(sessionId);
        return script?.();
      }
      case 'Page.navigate':
        return this.navigate(sessionId, params.url, reply);
      case 'Runtime.evaluate':
        return reply({ result: { type: 'boolean', value: true } });
      case 'Browser.close':
        reply();
        return this.socket.close(1000, 'closed');
      default:
        return reply();
    }
  }
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/state') return Response.json(state);
    if (url.pathname === '/v1/devtools/browser' && request.method === 'POST') {
      state.acquisitions += 1;
      return Response.json({ sessionId: `browser-${state.acquisitions}` });
    }
    if (url.pathname.startsWith('/v1/devtools/browser/') && request.headers.get('upgrade') === 'websocket') {
      const pair = new WebSocketPair();
      const [client, server] = Object.values(pair);
      server.accept();
      new FakeBrowser(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    return new Response('not found', { status: 404 });
  },
};
