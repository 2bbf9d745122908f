// The `memwire` command as a user's MCP client runs it: a child process of node (with tsx, on the
// sources), in an environment of our own so that no provider key of the shell running the tests leaks in.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { onTestFinished } from 'vitest';

/** node's arguments that run `memwire`: add the command's after them. */
export const MEMWIRE = ['--import', 'tsx', 'src/cli/main.ts'];

/** A clean environment (PATH, HOME…) plus `extra`. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...getDefaultEnvironment(), ...extra };
}

/** A stream's text so far, and a wait for a pattern to appear in it (rejected if the stream ends first). */
export interface CollectedText {
  readonly text: string;
  waitFor(pattern: RegExp): Promise<string>;
}

export function collect(stream: Readable): CollectedText {
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    for (const check of waiters) check();
  });
  stream.on('end', () => {
    ended = true;
    for (const check of waiters) check();
  });
  return {
    get text() {
      return text;
    },
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match || ended) waiters.delete(check);
          if (match) resolve(match[0]);
          else if (ended) reject(new Error(`${pattern} never appeared in:\n${text}`));
        };
        waiters.add(check);
        check();
      }),
  };
}

/** An MCP SDK client connected to `memwire <args>` over stdio; closed (which ends the child's stdin) after the test. */
export async function connectMemwire(args: readonly string[], env: Record<string, string> = cliEnv()) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [...MEMWIRE, ...args], env, stderr: 'pipe' });
  const stderr = collect(transport.stderr as Readable);
  const client = new Client({ name: 'memwire-cli-test', version: '0.0.0' });
  onTestFinished(() => client.close());
  await client.connect(transport);
  return { client, stderr };
}

/** `memwire <args>` started, writing `input` to its stdin (then closing it): signal it while it runs, and await `exited`. */
export function startMemwire(args: readonly string[], env: Record<string, string> = cliEnv(), input = '') {
  const child = spawn(process.execPath, [...MEMWIRE, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  // 'close', not 'exit': stdout and stderr are read to their end.
  const closed = once(child, 'close') as Promise<[code: number | null]>;
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  child.stdin.end(input);
  const exited = closed.then(([code]) => ({ code, stdout: stdout.text, stderr: stderr.text }));
  return { child, stdout, stderr, exited };
}

/** Runs `memwire <args>` to its end, writing `input` to its stdin first (then closing it). */
export function runMemwire(args: readonly string[], env: Record<string, string> = cliEnv(), input = '') {
  return startMemwire(args, env, input).exited;
}

/** Every variable `memwire mcp` reads a provider from, as its help and errors list them. */
export const PROVIDER_VARIABLES = [
  'MIELTO_API_KEY',
  'MIELTO_BASE_URL',
  'MIELTO_WORKSPACE_ID',
  'MEMORYLAYER_API_KEY',
  'MEMORYLAYER_BASE_URL',
  'SUPERMEMORY_API_KEY',
  'SUPERMEMORY_BASE_URL',
  'OPENSEARCH_URL',
  'OPENSEARCH_USERNAME',
  'OPENSEARCH_PASSWORD',
];
