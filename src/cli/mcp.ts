// `memwire mcp`: the memory tools over stdio for an MCP client (Claude Desktop, an IDE, an agent).
// stdout is the protocol's alone: everything this command says goes to stderr.
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '../sandbox/serve.js';
import { registerMemoryTools } from '../tools/mcp.js';
import { memoryTools } from '../tools/memory-tools.js';
import { clientsFromEnv, envHelp, refusalMessage, type Env } from './env-clients.js';
import { loadMcpSdk, type McpSdk } from './mcp-sdk.js';
import { sandboxEnv, sandboxInstructions } from './sandbox-env.js';
import { version } from './version.js';

/** Usage text for `memwire mcp --help`. */
export const MCP_USAGE = `Usage: memwire mcp [--sandbox]

Serves memwire's memory tools to an MCP client over stdio, one tool per operation of each provider
the environment configures:

${envHelp()}

  --sandbox    serve the tools of an embedded sandbox instead: fake providers with demo memories,
               no keys needed (the environment's variables are not read)
  -h, --help   show this help

Logs go to stderr (MEMWIRE_LOG=debug adds one line per attempt). Needs the MCP TypeScript SDK:
npm install @modelcontextprotocol/server`;

/** Serves until the client hangs up or a signal comes; resolves with the exit code. */
export async function mcpCommand(argv: readonly string[], env: Env): Promise<number> {
  const args = parseMcpArgs(argv);
  if (typeof args === 'string') {
    console.error(`memwire mcp: ${args}\n\n${MCP_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(MCP_USAGE);
    return 0;
  }
  keepStdoutForProtocol();
  const loaded = await loadMcpSdk();
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const sandbox = args.sandbox ? await startEmbeddedSandbox() : undefined;
  try {
    return await serve(loaded.sdk, sandbox ? sandboxEnv(sandbox) : env, sandbox);
  } finally {
    await sandbox?.close();
  }
}

function parseMcpArgs(argv: readonly string[]): { sandbox: boolean; help: boolean } | string {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { sandbox: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return { sandbox: values.sandbox ?? false, help: values.help ?? false };
  } catch (error) {
    return (error as Error).message;
  }
}

async function serve(sdk: McpSdk, env: Env, sandbox: Sandbox | undefined): Promise<number> {
  const found = clientsFromEnv(env);
  const refusal = refusalMessage('memwire mcp', found);
  if (refusal) {
    console.error(refusal);
    return 1;
  }
  const options = { capabilities: { tools: {} }, ...(sandbox ? { instructions: sandboxInstructions() } : {}) };
  const handle = sdk.serveStdio(() => {
    // One server per connection (the SDK may make a second to answer an older protocol revision).
    const server = new sdk.McpServer({ name: 'memwire', version: version() }, options);
    registerMemoryTools(server, found.clients);
    return server;
  });
  const tools = memoryTools(found.clients).length;
  console.error(`memwire mcp: serving ${tools} tools for ${found.configured.join(', ')} over stdio`);
  const reason = await untilDone();
  console.error(`memwire mcp: stopping (${reason})`);
  await handle.close();
  return 0;
}

async function startEmbeddedSandbox(): Promise<Sandbox> {
  // A free port: a `memwire-sandbox` already running on 4010 must not stop this one.
  const sandbox = await startSandbox({ port: 0, log: (line) => console.error(`memwire mcp: sandbox: ${line}`) });
  console.error(`memwire mcp: sandbox listening on ${sandbox.url} (API key ${sandbox.apiKey})`);
  return sandbox;
}

/** Anything printed to stdout would corrupt the protocol: console's stdout methods print to stderr instead. */
function keepStdoutForProtocol(): void {
  console.log = console.info = console.debug = console.error;
}

/** Resolves when the client hangs up (stdin ends) or on SIGINT/SIGTERM; a second signal kills at once, as by default. */
function untilDone(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => () => {
      process.stdin.off('end', onEnd).off('close', onEnd);
      process.off('SIGINT', onInt).off('SIGTERM', onTerm);
      resolve(reason);
    };
    const [onEnd, onInt, onTerm] = [stop('stdin closed'), stop('SIGINT'), stop('SIGTERM')];
    process.stdin.on('end', onEnd).on('close', onEnd);
    process.on('SIGINT', onInt).on('SIGTERM', onTerm);
  });
}
