// One scenario for one variant, in a fresh process so that no socket, budget or wait carries over
// from another row: `node bench/overload/child.mjs '<json>'` with { scenario, client, options }.
// Prints the scenario's result as one JSON line. Every call shares one signal, which aborts at
// DEADLINE_MS: a scenario whose calls do not end by then ends with them.
import { setMaxListeners } from 'node:events';
import { CLIENTS } from './clients.mjs';
import { DEADLINE_MS, SCENARIOS, warmUp } from './scenarios.mjs';
import { forkServer } from './server-control.mjs';

const { scenario, client, options } = JSON.parse(process.argv[2]);
const { calls, run } = SCENARIOS[scenario];
const signal = AbortSignal.timeout(DEADLINE_MS);
setMaxListeners(Infinity, signal); // the SDK adds a listener per call; that is not a leak here
const server = await forkServer();
await warmUp({ server, update: CLIENTS[client](server.url, options), signal }, calls);
const result = await run({ server, update: CLIENTS[client](server.url, options), signal });
server.close();
const line = `${JSON.stringify({ ...result, deadlineHit: signal.aborted })}\n`;
// Exit at once: an aborted SDK call may still hold a retry timer, which must not delay the next row.
process.stdout.write(line, () => process.exit(0));
