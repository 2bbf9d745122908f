import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../src/sandbox/args.js';
import { banner } from '../../src/sandbox/banner.js';
import { logLine } from '../../src/sandbox/log-line.js';
import { SANDBOX_SEEDS } from '../../src/sandbox/seed.js';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:4010 and the sandbox key', () => {
    expect(parseCliArgs([], {})).toEqual({
      ok: true,
      settings: { port: 4010, host: '127.0.0.1', apiKey: 'memwire-sandbox-key', help: false },
    });
  });

  it('reads --flag value and --flag=value', () => {
    expect(parseCliArgs(['--port', '0', '--host=0.0.0.0', '--api-key', 'k1'], {})).toEqual({
      ok: true,
      settings: { port: 0, host: '0.0.0.0', apiKey: 'k1', help: false },
    });
  });

  it('takes the key from MEMWIRE_SANDBOX_KEY, the flag winning', () => {
    expect(parseCliArgs([], { MEMWIRE_SANDBOX_KEY: 'from-env' })).toMatchObject({ settings: { apiKey: 'from-env' } });
    expect(parseCliArgs(['--api-key', 'from-flag'], { MEMWIRE_SANDBOX_KEY: 'from-env' })).toMatchObject({
      settings: { apiKey: 'from-flag' },
    });
  });

  it('turns on OpenSearch multi-tenancy with --opensearch-multi-tenancy', () => {
    expect(parseCliArgs(['--opensearch-multi-tenancy'], {})).toEqual({
      ok: true,
      settings: { port: 4010, host: '127.0.0.1', apiKey: 'memwire-sandbox-key', help: false, openSearchMultiTenancy: true },
    });
    expect(USAGE).toContain('--opensearch-multi-tenancy');
  });

  it.each([
    [['--opensearch-multi-tenancy=yes']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--verbose']],
    [['extra']],
    [['--api-key', '']],
    [['--host', '']],
  ])('refuses %j', (argv) => {
    expect(parseCliArgs(argv, {})).toMatchObject({ ok: false });
  });
});

describe('banner and log lines', () => {
  it('shows the URL, the key and each seeded memory with its workspace', () => {
    const text = banner('http://127.0.0.1:4010', 'memwire-sandbox-key', SANDBOX_SEEDS);
    expect(text).toContain('http://127.0.0.1:4010');
    expect(text).toContain('memwire-sandbox-key');
    expect(text).toMatch(/mem_coffee\s+X-Workspace-Id: ws_personal/);
    expect(text).toMatch(/mem_standup\s+X-Workspace-Id: ws_work/);
  });

  it('lists every API with its paths, how it takes the key, and the ids seeded there', () => {
    const text = banner('http://127.0.0.1:4010', 'k', SANDBOX_SEEDS);
    for (const path of [
      'PUT  /api/v1/memories/{memory_id}',
      'POST /api/v1/memories/{memory_id}/replace',
      'PATCH /v1/memories/{id}',
      'PATCH /v4/memories',
      'PUT /_plugins/_ml/memory_containers/{container_id}/memories/{type}/{id}',
    ]) {
      expect(text).toContain(path);
    }
    expect(text).toContain('ApiKey <key>, Bearer <key> or basic admin:<key> for OpenSearch');
    expect(text).toMatch(/mem_dark_mode\s+layerId: layer_preferences/);
    expect(text).toMatch(/mem_abc123\s+containerTag: user_123/);
    expect(text).toContain('container HudqiJkB1SltqOcZusVU');
    expect(text).toContain('sessions/N2CDipkB2Mtr6INFFcX8');
    expect(text).toContain('working/XyEuiJkBeh2gPPwzjYWM');
    expect(text).toContain('long-term/DcxjTpkBvwXRq366C1Zz');
  });

  it('says (none) for an API with nothing seeded, and leaves out the example without a Mielto memory', () => {
    const text = banner('http://h', 'k', { mielto: [], memoryLayer: [], supermemory: [], openSearch: [] });
    expect(text.match(/\(none\)/g)).toHaveLength(4);
    expect(text).not.toContain('curl');
  });

  it('drops the query string and masks the key', () => {
    expect(logLine({ method: 'PUT', target: '/a/k3y?k3y=1', workspaceId: null, outcome: 'dropped' }, 'k3y')).toBe(
      'PUT /a/[redacted] ws=- -> dropped',
    );
  });

  it('masks the key as a client puts it in a path: percent-encoded (a `/`, `+` or `=` in it)', () => {
    const key = 'sk-Sandbox/9f+3Q=';
    const target = `/api/v1/memories/${encodeURIComponent(key)}/replace`;
    expect(logLine({ method: 'POST', target, workspaceId: null, outcome: 404 }, key)).toBe(
      'POST /api/v1/memories/[redacted]/replace ws=- -> 404',
    );
  });
});

describe('memwire-sandbox (the bin)', () => {
  it('starts, serves, logs each request and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0'], {
      env: { ...process.env, MEMWIRE_SANDBOX_KEY: 'cli-test-key' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit') as Promise<[code: number | null]>;
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async () => ((await lines.next()).value as string | undefined) ?? '';
    try {
      const first = await next();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1];
      expect(url).toBeDefined();
      const shown: string[] = [first];
      while (!shown.at(-1)?.includes('Ctrl+C')) shown.push(await next());
      expect(shown.join('\n')).toContain('API key:  cli-test-key');

      const response = await fetch(`${url}/api/v1/memories/mem_standup`, {
        method: 'PUT',
        headers: { authorization: 'Bearer cli-test-key', 'x-workspace-id': 'ws_work', 'content-type': 'application/json' },
        body: JSON.stringify({ memory: "Ada's stand-up moved to 10:00" }),
      });
      expect(response.status).toBe(200);
      expect(await next()).toBe('PUT /api/v1/memories/mem_standup ws=ws_work -> 200');

      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(await next()).toBe('');
      expect(await next()).toBe('SIGTERM: stopping the sandbox');
      expect(await next()).toBe('sandbox stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits with 2 and the usage on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', 'nope'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [code: number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
    expect(stderr).toContain('Usage: memwire-sandbox');
  }, 30_000);
});
