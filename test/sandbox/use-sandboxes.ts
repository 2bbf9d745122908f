import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/serve.js';

/**
 * `start(options)` starts a sandbox on a free port of 127.0.0.1 (real HTTP, the global fetch, no
 * msw); every sandbox a test starts is closed after it.
 */
export function useSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
  const running: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options = {}) => {
    const sandbox = await startSandbox({ port: 0, ...options });
    running.push(sandbox);
    return sandbox;
  };
}
