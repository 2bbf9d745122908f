import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

it('exits quietly with 0 when its output pipe closes (memwire-sandbox | head -1)', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0'], {
    env: { ...process.env, MEMWIRE_SANDBOX_KEY: 'pipe-test-key' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[code: number | null]>;
  try {
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1];
    expect(url).toBeDefined();
    lines.close();
    child.stdout.destroy(); // the reader goes away, as `head -1` does after one line
    // Every request logs a line, which now has nowhere to go; keep asking until the process is gone.
    for (let i = 0; i < 50 && child.exitCode === null; i++) {
      await fetch(`${url}/api/v1/memories/mem_standup`, { method: 'PUT' }).catch(() => undefined);
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stderr).toBe('');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 30_000);
