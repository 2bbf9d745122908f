// The dispatcher and the SDK loader in process: what the spawned tests would take many processes to show.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MCP_USAGE } from '../../src/cli/mcp.js';
import { loadMcpSdk, MCP_SDK_MISSING, type McpSdk } from '../../src/cli/mcp-sdk.js';
import { runCli, USAGE } from '../../src/cli/run.js';

function captureConsole() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const printed = (spy: typeof log) => spy.mock.calls.map((args) => args.join(' ')).join('\n');
  return { stdout: () => printed(log), stderr: () => printed(error) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runCli', () => {
  it.each([
    [['nope'], 'memwire: unknown command "nope"'],
    [['--verbose', 'mcp'], "memwire: Unknown option '--verbose'"],
    [[], 'memwire: no command given'],
  ])('exits with 2 and the usage on stderr for %j', async (argv, message) => {
    const out = captureConsole();
    expect(await runCli(argv, {})).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stderr()).toContain(USAGE);
    expect(out.stdout()).toBe('');
  });

  it('prints the usage with -h, and the version with --version', async () => {
    const out = captureConsole();
    expect(await runCli(['-h'], {})).toBe(0);
    expect(await runCli(['--version'], {})).toBe(0);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(out.stdout()).toBe(`${USAGE}\n${version}`);
  });

  it("hands the rest to the command: `mcp --help` prints mcp's usage, `mcp --port 1` is refused", async () => {
    const out = captureConsole();
    expect(await runCli(['mcp', '--help'], {})).toBe(0);
    expect(out.stdout()).toBe(MCP_USAGE);
    expect(await runCli(['mcp', '--port', '1'], {})).toBe(2);
    expect(out.stderr()).toContain("memwire mcp: Unknown option '--port'");
  });
});

describe('loadMcpSdk', () => {
  const notFound = (message: string) => Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });

  it('says what to install when the SDK package is missing', async () => {
    const missing = () =>
      Promise.reject(notFound("Cannot find package '@modelcontextprotocol/server' imported from /app/dist/cli.js"));
    expect(await loadMcpSdk(missing)).toEqual({ ok: false, message: MCP_SDK_MISSING });
    expect(MCP_SDK_MISSING).toContain('npm install @modelcontextprotocol/server');
  });

  it("rethrows any other failure, such as one of the SDK's own dependencies missing", async () => {
    const broken = notFound(
      "Cannot find package 'zod' imported from /app/node_modules/@modelcontextprotocol/server/dist/index.mjs",
    );
    await expect(loadMcpSdk(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('loads the installed SDK', async () => {
    const loaded = await loadMcpSdk();
    expect(loaded.ok && typeof loaded.sdk.McpServer).toBe('function');
    expect(loaded.ok && typeof (loaded.sdk satisfies McpSdk).serveStdio).toBe('function');
  });
});
