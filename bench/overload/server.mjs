// The stand-in Supermemory of the overload bench: a node:http server on 127.0.0.1, in its own
// process (forked by server-control.mjs) so that its work never lands on the client's event loop
// or delays its sends, which would spread a burst over time and blunt it. It counts what a
// service would see: requests, answers by status, and how many requests it held at once.
//
// Each answer is chosen when the request arrives (as a rate limiter in front of a service does)
// and sent LATENCY_MS later: a server that answered on the spot would never hold two requests at
// once, and "in flight" would measure nothing.
//
// Over IPC: { id, answer: name } sets what it answers (answers.mjs), { id, take: true } replies
// with the counts so far, which then start again from zero. Each is acknowledged with { id, … }.
import { createServer } from 'node:http';
import { ANSWERS } from './answers.mjs';
import { API_KEY, LATENCY_MS, UPDATE_PATH } from './fixtures.mjs';

const stats = { requests: 0, byStatus: {}, inFlight: 0, maxInFlight: 0, rejected: 0 };
let respond = ANSWERS.ok();

const server = createServer((request, response) => {
  stats.requests++;
  stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
  const answer = check(request) ?? respond();
  let done = false;
  // In flight until answered, or until the client gives up on it (a deadline's abort).
  const finish = () => {
    if (done) return;
    done = true;
    stats.inFlight--;
    clearTimeout(timer);
  };
  const timer = setTimeout(() => {
    finish();
    stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.body) };
    response.writeHead(answer.status, { ...headers, ...answer.headers });
    response.end(answer.body);
  }, LATENCY_MS);
  response.once('close', finish);
  request.resume(); // the body is not checked: the clients send the same update
});

// A request that is not the update (a client sending something else) is refused and counted.
function check(request) {
  const { method, url, headers } = request;
  if (method === 'PATCH' && url === UPDATE_PATH && headers.authorization === `Bearer ${API_KEY}`) return undefined;
  stats.rejected++;
  return { status: 400, body: JSON.stringify({ error: `unexpected ${method} ${url}` }) };
}

function takeStats() {
  const taken = structuredClone(stats);
  Object.assign(stats, { requests: 0, byStatus: {}, maxInFlight: stats.inFlight, rejected: 0 });
  return taken;
}

server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));

process.on('message', ({ id, answer, take }) => {
  if (answer) respond = ANSWERS[answer]();
  process.send(take ? { id, stats: takeStats() } : { id });
});
// The client's channel closing (it finished, or was killed) ends the server: nothing outlives a row.
process.on('disconnect', () => process.exit(0));
