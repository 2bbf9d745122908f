// The in-page half of test/browser/chromium.browser.ts: plain browser JavaScript, served as is
// (no build step), next to a memwire bundle. `installHarness(memwire, bundle)` is called by the
// page once the bundle is loaded (iife.html: the `memwire` global; esm.html: the module's
// namespace) and publishes `window.harness`, which the Node side drives with page.evaluate.
// Every call resolves to a plain, serialisable result (never rejects) and adds a row to the
// page's table, so a screenshot shows what each step saw.
'use strict';

/** Per-attempt timeout the harness gives every client, so it is recognisable among the timers. */
const ATTEMPT_TIMEOUT = 20000;

window.installHarness = function installHarness(memwire, bundle) {
  let config;
  let slow;

  /** A clock that records every delay the SDK asks for (attempt timeouts and retry waits). */
  function recordingClock(timers) {
    return {
      now: () => Date.now(),
      setTimeout: (callback, ms) => {
        timers.push(ms);
        return window.setTimeout(callback, ms);
      },
      clearTimeout: (handle) => window.clearTimeout(handle),
    };
  }

  function client(spec, timers) {
    if (!config) throw new Error('harness.configure() first');
    return new memwire.Mielto({
      apiKey: config.apiKey,
      baseUrl: config.baseUrl,
      workspaceId: spec.workspaceId === undefined ? 'ws_personal' : spec.workspaceId,
      timeout: ATTEMPT_TIMEOUT,
      clock: recordingClock(timers),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.maxRetries === undefined ? {} : { maxRetries: spec.maxRetries }),
    });
  }

  function describeError(error) {
    // Every error class the bundle exports, checked with `instanceof` in the page.
    const is = {};
    for (const [name, value] of Object.entries(memwire)) {
      if (typeof value === 'function' && value.prototype instanceof Error) is[name] = error instanceof value;
    }
    return {
      ok: false,
      name: error && error.name,
      message: String(error && error.message),
      is,
      status: error && error.status,
      attempts: error && error.attempts,
      requestId: error && error.requestId,
      fieldErrors: error instanceof memwire.ValidationError ? error.fieldErrors() : undefined,
      causeName: error && error.cause && error.cause.name,
    };
  }

  async function call(spec, signal) {
    const timers = [];
    let result;
    try {
      const memories = client(spec, timers).memories;
      const options = signal ? { signal } : undefined;
      const value =
        spec.op === 'replace'
          ? await memories.replace(spec.id, spec.body, options)
          : await memories.update(spec.id, spec.body, options);
      result = { ok: true, value };
    } catch (error) {
      result = describeError(error);
    }
    result.timers = timers;
    show(spec.step, result);
    return result;
  }

  function show(step, result) {
    const row = document.createElement('tr');
    row.className = result.ok ? 'ok' : 'error';
    const outcome = result.ok ? 'resolved' : `${result.name}${result.status ? ` ${result.status}` : ''}`;
    const detail = result.ok
      ? JSON.stringify(result.value.memory || result.value.new_memory || result.value)
      : result.fieldErrors
        ? `fieldErrors() ${JSON.stringify(result.fieldErrors)}`
        : result.message;
    for (const text of [step, outcome, detail]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    document.querySelector('#steps tbody').append(row);
  }

  window.harness = {
    info() {
      return {
        bundle,
        origin: location.origin,
        exports: Object.keys(memwire).sort(),
        sentHeaders: [...memwire.SENT_HEADERS],
        readHeaders: [...memwire.READ_HEADERS],
        globalMemwire: typeof window.memwire,
      };
    },
    configure(next) {
      config = next;
      document.querySelector('#sandbox').textContent = next.baseUrl;
    },
    /** One update or replace; resolves to what the page saw. */
    call,
    /** Starts a call with an AbortController and returns at once; `abortSlow()` cancels it. */
    startSlow(spec) {
      const controller = new AbortController();
      slow = { controller, result: call(spec, controller.signal) };
    },
    /** Aborts the call `startSlow` started and resolves to its result. */
    abortSlow() {
      if (!slow) throw new Error('harness.startSlow() first');
      slow.controller.abort();
      return slow.result;
    },
  };
  document.querySelector('#bundle').textContent = bundle;
  document.querySelector('#origin').textContent = location.origin;
  window.harnessReady = true;
};
