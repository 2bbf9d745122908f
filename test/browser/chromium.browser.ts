/**
 * memwire's browser bundles in headless Chromium, against the sandbox on another origin, so CORS
 * is real: the page comes from a static server on 127.0.0.1:A, the sandbox listens on
 * 127.0.0.1:B in this process (seeded, with faults injected between steps), and every call the
 * page makes is cross-origin, preflighted, and answered with the sandbox's strict CORS rules.
 *
 * For each bundle (dist/browser/memwire.global.js via <script src>, dist/browser/memwire.min.js via
 * <script type="module">): update and replace with a workspace, a 422 caught as ValidationError,
 * a 503 retried on the server's Retry-After / retry-after-ms, an AbortController cancelling a held
 * call, and a custom header the sandbox does not allow, refused by the preflight.
 *
 * Not part of `npm test`: run with `npm run build && npx vitest run --config test/browser/vitest.config.ts`.
 * Needs Chromium at /usr/bin/chromium (Debian: `apt-get install chromium`) or CHROMIUM_PATH.
 * No real sleeps: the sandbox runs on a virtual clock, the retries wait 0 ms because the server
 * says so, and every wait on the browser is bounded, so a hang fails instead of blocking.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_HEADERS, SENT_HEADERS } from '../../src/core/cors.js';
import type { MemoryReplaceResponse, MemoryUpdateResponse } from '../../src/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/serve.js';
import { TestClock } from '../../src/testing/test-clock.js';
import { BrowserEvents, isCorsFailure, type BrowserEvent } from './browser-events.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE_DIR = join(ROOT, 'test/browser/page');
/** Where the bundles come from: what `npm run build` writes. MEMWIRE_BROWSER_BUNDLES points elsewhere, for trying an ad hoc build. */
const BUNDLE_DIR = process.env.MEMWIRE_BROWSER_BUNDLES ?? join(ROOT, 'dist/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** When set, a PNG of each page after its steps is written there (e.g. /tmp). */
const SCREENSHOT_DIR = process.env.MEMWIRE_BROWSER_SCREENSHOTS;

/** The most any single wait on the browser or the sandbox may take. */
const WAIT = 5_000;
/** The per-attempt timeout the page's harness gives every client (see page/harness.js). */
const ATTEMPT_TIMEOUT = 20_000;
/** How long the sandbox holds the call the page aborts, on the sandbox's virtual clock. */
const HOLD = 60_000;

const BUNDLES = [
  { name: 'IIFE', file: 'memwire.global.js', page: '/iife.html', global: 'object' },
  { name: 'ESM', file: 'memwire.min.js', page: '/esm.html', global: 'undefined' },
] as const;

const ERROR_CLASSES = [
  'MemwireError',
  'ApiError',
  'ValidationError',
  'ServerError',
  'ConnectionError',
  'TimeoutError',
  'AbortError',
] as const;
type ErrorClass = (typeof ERROR_CLASSES)[number];

/** What the harness's `call` takes: one Mielto update or replace. */
interface CallSpec {
  step: string;
  op: 'update' | 'replace';
  id: string;
  body: unknown;
  /** Default 'ws_personal'. */
  workspaceId?: string | null;
  headers?: Record<string, string>;
  maxRetries?: number;
}

/** What the page saw: the resolved body, or the error's class and fields; `timers` lists every delay the SDK set. */
type PageResult = { timers: number[] } & (
  | { ok: true; value: unknown }
  | {
      ok: false;
      name: string;
      message: string;
      is: Record<ErrorClass, boolean>;
      status?: number;
      attempts?: number;
      requestId?: string;
      fieldErrors?: Record<string, string[]>;
      causeName?: string;
    }
);

interface Harness {
  info(): {
    bundle: string;
    origin: string;
    exports: string[];
    sentHeaders: string[];
    readHeaders: string[];
    globalMemwire: string;
  };
  configure(config: { baseUrl: string; apiKey: string }): void;
  call(spec: CallSpec): Promise<PageResult>;
  startSlow(spec: CallSpec): void;
  abortSlow(): Promise<PageResult>;
}

declare global {
  interface Window {
    harness: Harness;
    harnessReady?: boolean;
  }
}

/** `promise`, or a rejection naming `what` once `ms` have passed: nothing here waits unbounded. */
async function bounded<T>(what: string, promise: Promise<T>, ms = WAIT): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function failed(result: PageResult): Extract<PageResult, { ok: false }> {
  if (result.ok) throw new Error(`expected the page's call to fail, it resolved: ${JSON.stringify(result.value)}`);
  return result;
}

/** The resolved body, which the page's call typed as `T`. */
function succeeded<T>(result: PageResult): T {
  if (!result.ok) throw new Error(`expected the page's call to resolve, it threw ${result.name}: ${result.message}`);
  return result.value as T;
}

/** The classes an error is an instance of, in the page. */
function classes(result: Extract<PageResult, { ok: false }>): ErrorClass[] {
  return ERROR_CLASSES.filter((name) => result.is[name]);
}

let browser: Browser;
let pages: StaticServer;

beforeAll(async () => {
  const missing = BUNDLES.map((bundle) => join(BUNDLE_DIR, bundle.file)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing browser bundle(s): ${missing.join(', ')}. Run \`npm run build\` first: this test loads the built ` +
        'dist/browser/memwire.global.js and dist/browser/memwire.min.js.',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install Debian's (\`apt-get install -y chromium\`) or set CHROMIUM_PATH; ` +
        'this test never downloads a browser.',
    );
  }
  const files: Record<string, string> = {
    '/harness.js': join(PAGE_DIR, 'harness.js'),
    '/style.css': join(PAGE_DIR, 'style.css'),
  };
  for (const bundle of BUNDLES) {
    files[bundle.page] = join(PAGE_DIR, bundle.page.slice(1));
    files[`/bundles/${bundle.file}`] = join(BUNDLE_DIR, bundle.file);
  }
  pages = await startStaticServer(files);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 20_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

describe.each(BUNDLES)('memwire $name bundle in Chromium, cross-origin to the sandbox', (bundle) => {
  let clock: TestClock;
  let sandbox: Sandbox;
  /** The sandbox's log, one line per request, preflights included: `OPTIONS /api/v1/memories/mem_coffee ws=- -> 204`. */
  let lines: string[];
  let context: BrowserContext;
  let page: Page;
  let events: BrowserEvents;

  /** Runs `action` as step `name`: browser events arriving meanwhile are tagged with it. */
  async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
    events.step = name;
    const result = await action();
    // One more round trip to the page, so events sent before the action's answer are in.
    await bounded(
      'the page',
      page.evaluate(() => true),
    );
    return result;
  }

  function call(spec: CallSpec): Promise<PageResult> {
    return step(spec.step, () =>
      bounded(
        `the page's ${spec.step}`,
        page.evaluate((s) => window.harness.call(s), spec),
      ),
    );
  }

  /** What the sandbox logged from the line at index `from` on. */
  const linesSince = (from: number) => lines.slice(from);

  const corsFailures = (step: string) => events.in(step).filter(isCorsFailure);

  beforeAll(async () => {
    clock = new TestClock();
    lines = [];
    sandbox = await startSandbox({ port: 0, clock, log: (line) => lines.push(line) });
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    events = new BrowserEvents(page);
    await page.goto(pages.url + bundle.page);
    try {
      await page.waitForFunction(() => window.harnessReady === true, undefined, { timeout: WAIT });
    } catch (error) {
      const seen = events.all.map((event) => `${event.kind}: ${event.text}`).join('\n  ');
      const served = pages.requests.join('\n  ');
      throw new Error(
        `The ${bundle.name} page never got ready. The browser said:\n  ${seen || '(nothing)'}\nThe page server served:\n  ${served}`,
        { cause: error },
      );
    }
    await page.evaluate((config) => window.harness.configure(config), { baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  });

  afterAll(async () => {
    if (page && SCREENSHOT_DIR) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `memwire-browser-${bundle.name.toLowerCase()}.png`), fullPage: true });
    }
    await context?.close();
    await sandbox?.close();
  });

  it(`loads ${bundle.file} from dist/browser, on an origin other than the sandbox's`, async () => {
    const info = await step('load', () => page.evaluate(() => window.harness.info()));
    expect(pages.requests).toContain(`GET /bundles/${bundle.file} -> 200`);
    expect(info.bundle).toContain(bundle.file);
    expect(info.exports).toEqual(
      expect.arrayContaining(['Mielto', 'ValidationError', 'ConnectionError', 'AbortError', 'SENT_HEADERS']),
    );
    // The bundle is built from the same source: it sends and reads the headers the sandbox's CORS rules name.
    expect(info.sentHeaders).toEqual([...SENT_HEADERS]);
    expect(info.readHeaders).toEqual([...READ_HEADERS]);
    // The IIFE defines exactly the `memwire` global; the ESM bundle defines none.
    expect(info.globalMemwire).toBe(bundle.global);
    expect(info.origin).toBe(pages.url);
    expect(new URL(info.origin).origin).not.toBe(new URL(sandbox.url).origin);
    expect(events.in('load')).toEqual([]);
  });

  it('updates mem_coffee in workspace ws_personal, preflighted and allowed', async () => {
    const from = lines.length;
    const result = await call({ step: 'update', op: 'update', id: 'mem_coffee', body: { topics: ['coffee', 'mornings'] } });

    const value = succeeded<MemoryUpdateResponse>(result);
    expect(value.memory_id).toBe('mem_coffee');
    expect(value.memory.topics).toEqual(['coffee', 'mornings']);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')).toEqual(value.memory);
    const request = sandbox.mielto.requests.at(-1);
    expect(request?.method).toBe('PUT');
    expect(request?.workspaceId).toBe('ws_personal');
    expect(request?.headers.get('origin')).toBe(pages.url); // a cross-origin request, so CORS applies
    expect(request?.headers.get('authorization')).toBe(`Bearer ${sandbox.apiKey}`);
    expect(linesSince(from)).toEqual([
      'OPTIONS /api/v1/memories/mem_coffee ws=- -> 204',
      'PUT /api/v1/memories/mem_coffee ws=ws_personal -> 200',
    ]);
    expect(events.in('update')).toEqual([]);
  });

  it('replaces mem_coffee: old and new memory, created_at kept', async () => {
    const before = sandbox.mielto.get('mem_coffee', 'ws_personal');
    const result = await call({
      step: 'replace',
      op: 'replace',
      id: 'mem_coffee',
      body: { memory: 'Ada has switched to green tea' },
    });

    const value = succeeded<MemoryReplaceResponse>(result);
    expect(value.old_memory).toEqual(before);
    expect(value.new_memory).toMatchObject({
      memory_id: 'mem_coffee',
      memory: 'Ada has switched to green tea',
      topics: null,
      created_at: before?.created_at,
    });
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')).toEqual(value.new_memory);
    expect(sandbox.mielto.requests.at(-1)).toMatchObject({ method: 'POST', workspaceId: 'ws_personal', outcome: 200 });
    expect(events.in('replace')).toEqual([]);
  });

  it('catches a 422 as ValidationError (instanceof in the page) with fieldErrors()', async () => {
    const before = sandbox.mielto.get('mem_coffee', 'ws_personal');
    const result = await call({
      step: '422',
      op: 'replace',
      id: 'mem_coffee',
      body: { memory: 42, topics: ['tea', 7] },
    });

    const error = failed(result);
    expect(error.name).toBe('ValidationError');
    expect(classes(error)).toEqual(['MemwireError', 'ApiError', 'ValidationError']);
    expect(error.status).toBe(422);
    expect(error.attempts).toBe(1);
    expect(error.fieldErrors).toEqual({
      memory: ['Input should be a valid string'],
      'topics.1': ['Input should be a valid string'],
    });
    // x-request-id reached the script: the sandbox exposes it (Access-Control-Expose-Headers).
    expect(error.requestId).toBe(`req_${sandbox.mielto.requests.length}`);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')).toEqual(before);
    expect(corsFailures('422')).toEqual([]);
    expect(events.in('422').filter((event) => event.kind !== 'console')).toEqual([]);
  });

  it('retries two injected 503s as the server asks (Retry-After: 0, then retry-after-ms: 0) and succeeds', async () => {
    sandbox.mielto.failNext({ status: 503, retryAfter: 0 });
    sandbox.mielto.failNext({ status: 503, retryAfterMs: 0 });
    const from = sandbox.mielto.requests.length;
    const result = await call({ step: '503', op: 'update', id: 'mem_coffee', body: { metadata: { source: 'browser' } } });

    const value = succeeded<MemoryUpdateResponse>(result);
    expect(value.memory.metadata).toEqual({ source: 'browser' });
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.metadata).toEqual({ source: 'browser' });
    expect(sandbox.mielto.requests.slice(from).map((request) => request.outcome)).toEqual([503, 503, 200]);
    // Each attempt's timeout, then the wait the server asked for: 0 ms twice. Had CORS hidden
    // retry-after or retry-after-ms from the script, the SDK would have backed off ~500 ms instead.
    expect(result.timers).toEqual([ATTEMPT_TIMEOUT, 0, ATTEMPT_TIMEOUT, 0, ATTEMPT_TIMEOUT]);
    expect(corsFailures('503')).toEqual([]);
    expect(events.in('503').filter((event) => event.kind !== 'console')).toEqual([]);
  });

  it('cancels a call the sandbox holds with an AbortController: the page sees AbortError', async () => {
    sandbox.mielto.delayNext({ ms: HOLD });
    const before = sandbox.mielto.get('mem_coffee', 'ws_personal');
    await step('abort', async () => {
      await page.evaluate((spec) => window.harness.startSlow(spec), {
        step: 'abort',
        op: 'update',
        id: 'mem_coffee',
        body: { memory: 'Ada is off caffeine' },
      } satisfies CallSpec);
      // The request has reached the sandbox and is being held on its virtual clock.
      await bounded('the sandbox holding the request', clock.whenPending(1));
    });
    expect(sandbox.mielto.requests.at(-1)?.outcome).toBe('pending');

    const result = await step('abort', () =>
      bounded(
        'the aborted call',
        page.evaluate(() => window.harness.abortSlow()),
      ),
    );
    const error = failed(result);
    expect(error.name).toBe('AbortError');
    expect(classes(error)).toEqual(['MemwireError', 'AbortError']);
    expect(error.causeName).toBe('AbortError'); // the signal's reason
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')).toEqual(before);
    const failures = events.in('abort').filter((event) => event.kind === 'requestfailed');
    expect(failures.map((event) => event.text)).toEqual([`PUT ${sandbox.url}/api/v1/memories/mem_coffee: net::ERR_ABORTED`]);
    expect(corsFailures('abort')).toEqual([]);

    // Let the held request finish, as a server that never heard of the abort would: it is answered
    // (to a closed connection), and nothing is left pending.
    await clock.advance(HOLD);
    await bounded('the sandbox finishing the held request', sandbox.mielto.idle());
    expect(sandbox.mielto.requests.at(-1)?.outcome).toBe(200);
  });

  it('refuses a header outside SENT_HEADERS: the preflight fails and the page gets a ConnectionError', async () => {
    const from = lines.length;
    const received = sandbox.mielto.requests.length;
    const before = sandbox.mielto.get('mem_coffee', 'ws_personal');
    const result = await call({
      step: 'x-extra',
      op: 'update',
      id: 'mem_coffee',
      body: { memory: 'sent with X-Extra' },
      headers: { 'X-Extra': '1' },
      maxRetries: 0,
    });

    const error = failed(result);
    expect(error.name).toBe('ConnectionError');
    expect(classes(error)).toEqual(['MemwireError', 'ConnectionError']);
    expect(error.attempts).toBe(1);
    // The browser asked (OPTIONS, answered 204 without x-extra among the allowed headers) and then
    // never sent the PUT: nothing reached the fake, nothing changed.
    expect(linesSince(from)).toEqual(['OPTIONS /api/v1/memories/mem_coffee ws=- -> 204']);
    expect(sandbox.mielto.requests.length).toBe(received);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')).toEqual(before);
    // And the browser said why.
    await expect
      .poll(() => corsFailures('x-extra').map((event) => event.text), { timeout: WAIT })
      .toEqual([expect.stringMatching(/blocked by CORS policy.*x-extra.*not allowed by Access-Control-Allow-Headers/i)]);
    expect(
      events
        .in('x-extra')
        .filter((event) => event.kind === 'requestfailed')
        .map((event) => event.text),
    ).toEqual([`PUT ${sandbox.url}/api/v1/memories/mem_coffee: net::ERR_FAILED`]);
  });

  it('saw no CORS failure, failed request or page error in any other step', async () => {
    await bounded(
      'the page',
      page.evaluate(() => true),
    );
    const unexpected = (event: BrowserEvent) =>
      event.kind === 'pageerror' ||
      (isCorsFailure(event) && event.step !== 'x-extra') ||
      (event.kind === 'requestfailed' && event.step !== 'x-extra' && event.step !== 'abort');
    expect(events.all.filter(unexpected)).toEqual([]);
    // The only console output: Chromium's note for each error status, and the refused call.
    const consoleLines = events.all.filter((event) => event.kind === 'console').map((e) => `${e.step}: ${e.text}`);
    expect(consoleLines.filter((line) => !line.startsWith('x-extra: '))).toEqual([
      '422: error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
      '503: error: Failed to load resource: the server responded with a status of 503 (Service Unavailable)',
      '503: error: Failed to load resource: the server responded with a status of 503 (Service Unavailable)',
    ]);
    expect(consoleLines.filter((line) => line.startsWith('x-extra: ')).sort()).toEqual([
      expect.stringMatching(/^x-extra: error: Access to fetch at .* has been blocked by CORS policy/),
      'x-extra: error: Failed to load resource: net::ERR_FAILED',
    ]);
  });
});
