#!/usr/bin/env node
// The `memwire-sandbox` command: starts the sandbox, prints where it is, logs one line per request
// and shuts down cleanly on SIGINT/SIGTERM (a second signal forces the exit).
import { USAGE, parseCliArgs } from './args.js';
import { banner } from './banner.js';
import { SANDBOX_SEEDS } from './seed.js';
import { startSandbox, type Sandbox } from './serve.js';

const parsed = parseCliArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(`memwire-sandbox: ${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const { settings } = parsed;
if (settings.help) {
  console.log(USAGE);
  process.exit(0);
}

// Installed before starting so that no signal can arrive while nothing handles it.
let sandbox: Sandbox | undefined;
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping || !sandbox) process.exit(1);
  stopping = true;
  console.log(`\n${signal}: stopping the sandbox`);
  sandbox.close().then(
    () => console.log('sandbox stopped'),
    (error: unknown) => {
      console.error('memwire-sandbox: failed to stop cleanly:', error);
      process.exitCode = 1;
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `memwire-sandbox | head -1`: once the reader is gone there is no one to tell, so stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void (sandbox?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

try {
  sandbox = await startSandbox({
    port: settings.port,
    host: settings.host,
    apiKey: settings.apiKey,
    openSearchMultiTenancy: settings.openSearchMultiTenancy ?? false,
    log: (line) => console.log(line),
  });
  console.log(banner(sandbox.url, sandbox.apiKey, SANDBOX_SEEDS));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EADDRINUSE' ? `${settings.host}:${settings.port} is already in use (try --port 0)` : String(error);
  console.error(`memwire-sandbox: cannot start: ${reason}`);
  process.exit(1);
}
