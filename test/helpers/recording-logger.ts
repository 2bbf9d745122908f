import type { Logger } from '../../src/index.js';

/** A logger that keeps each line it is given, prefixed with its level (`debug Mielto …`). */
export function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (line) => lines.push(`debug ${line}`),
    info: (line) => lines.push(`info ${line}`),
    warn: (line) => lines.push(`warn ${line}`),
    error: (line) => lines.push(`error ${line}`),
  };
  return { lines, logger };
}
