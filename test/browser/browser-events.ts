import type { Page } from 'playwright-core';

/** Something the browser reported: a console message, a request that failed, an uncaught error. */
export interface BrowserEvent {
  /** The step that was running when it arrived. */
  readonly step: string;
  readonly kind: 'console' | 'requestfailed' | 'pageerror';
  /** `error: …` for console messages (their type first), `PUT <url>: net::ERR_FAILED`, or the error's message. */
  readonly text: string;
}

/** Chromium's console message for a request CORS refused ("… has been blocked by CORS policy: …"). */
const CORS_FAILURE = /CORS|Access-Control/i;

/** Whether an event says CORS refused something. */
export function isCorsFailure(event: BrowserEvent): boolean {
  return CORS_FAILURE.test(event.text);
}

/**
 * Records every console message, failed request and page error of a page, tagged with the step
 * that was running, so a test can say which step saw what and that the normal steps saw no CORS
 * failure.
 *
 * @example
 * const events = new BrowserEvents(page);
 * events.step = 'update';
 * events.in('update').filter(isCorsFailure); // []
 */
export class BrowserEvents {
  step = 'load';
  readonly all: BrowserEvent[] = [];

  constructor(page: Page) {
    page.on('console', (message) => this.#add('console', `${message.type()}: ${message.text()}`));
    page.on('requestfailed', (request) =>
      this.#add('requestfailed', `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
    );
    page.on('pageerror', (error) => this.#add('pageerror', error.message));
  }

  /** The events recorded while `step` was running. */
  in(step: string): BrowserEvent[] {
    return this.all.filter((event) => event.step === step);
  }

  #add(kind: BrowserEvent['kind'], text: string): void {
    this.all.push({ step: this.step, kind, text });
  }
}
