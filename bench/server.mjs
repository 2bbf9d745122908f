// The stand-in Mielto: answers `PUT /api/v1/memories/{memory_id}` on 127.0.0.1 with a fixed
// MemoryUpdateResponse. It runs in its own process (started by run.mjs with an IPC channel) so its
// work never lands on a client's event loop or in a client's process.cpuUsage().
//
// Every request is checked against the one update the clients are meant to send (method, path,
// bearer key, workspace header, JSON content type and body): a client that sent something else gets
// a 400, which its load loop turns into a failure, so the three clients provably do the same work.
import { createServer } from 'node:http';
import { API_KEY, PATCH_JSON, RESPONSE_BODY, UPDATE_PATH, WORKSPACE_ID } from './fixtures.mjs';

const OK_HEADERS = { 'content-type': 'application/json', 'content-length': RESPONSE_BODY.length };
const stats = { requests: 0, rejected: 0 };

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    stats.requests++;
    const problem = check(request, Buffer.concat(chunks).toString());
    if (problem) {
      stats.rejected++;
      const body = JSON.stringify({ detail: problem });
      response.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    response.writeHead(200, OK_HEADERS);
    response.end(RESPONSE_BODY);
  });
});

function check(request, body) {
  const { headers } = request;
  if (request.method !== 'PUT') return `method ${request.method}`;
  if (request.url !== UPDATE_PATH) return `path ${request.url}`;
  if (headers.authorization !== `Bearer ${API_KEY}`) return 'authorization';
  if (headers['x-workspace-id'] !== WORKSPACE_ID) return 'x-workspace-id';
  if (!headers['content-type']?.startsWith('application/json')) return `content-type ${headers['content-type']}`;
  if (body !== PATCH_JSON) return 'body';
  return undefined;
}

// Keep idle keep-alive sockets for the whole run: a client's sockets must survive its pauses.
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));

// run.mjs asks before and after each client's run: the server's share of the machine is not noise.
process.on('message', (message) => {
  if (message === 'stats') {
    const { user, system } = process.cpuUsage();
    process.send({ stats: { ...stats, cpuUs: user + system } });
  }
});
// The parent's channel closing (it finished, or died) ends the server: nothing outlives the run.
process.on('disconnect', () => process.exit(0));
