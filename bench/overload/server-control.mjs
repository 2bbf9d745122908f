// The client side of server.mjs: forks it, and sets its answers and reads its counts over IPC,
// each message awaited until the server has acted on it.
import { fork } from 'node:child_process';

/** Starts a stand-in server in its own process; resolves once it listens. */
export async function forkServer() {
  const child = fork(new URL('./server.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  const { url } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  child.on('message', ({ id, ...reply }) => {
    pending.get(id)?.resolve(reply);
    pending.delete(id);
  });
  // A server that dies fails whatever waits on it, instead of leaving it waiting.
  child.on('exit', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`the server exited (${code})`));
    pending.clear();
  });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...message });
    });

  return {
    url,
    /** Makes the server answer every request from now on as `name` says (answers.mjs). */
    answer: (name) => ask({ answer: name }),
    /** The server's counts so far, which then start again from zero: one part of a scenario each. */
    takeStats: async () => (await ask({ take: true })).stats,
    close: () => child.disconnect(),
  };
}
