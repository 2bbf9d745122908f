import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { envVar } from './env.js';
import { redact } from './redact.js';

/** How much memwire logs: each level includes those before it. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go: `console`, or anything with its four methods (pino, winston…). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes one line at a level, every secret the call used redacted. */
export type Log = (level: 'debug' | 'info' | 'warn', line: string, secrets: Iterable<string>) => void;

const LEVELS: LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

let warnedOfEnv = false;

/**
 * `MEMWIRE_LOG`, or `off`. A typo in it is the environment's, not the code's: it warns once, on
 * the console, and logging stays off, rather than every client refusing to be made.
 */
function envLogLevel(): LogLevel {
  const level = envVar('MEMWIRE_LOG') ?? 'off';
  if (LEVELS.includes(level as LogLevel)) return level as LogLevel;
  if (!warnedOfEnv) {
    warnedOfEnv = true;
    console.warn(`memwire: MEMWIRE_LOG must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}: logging stays off`);
  }
  return 'off';
}

/**
 * The log the options ask for, or `undefined` when it is off, so the transport's checks cost one
 * comparison. The level is `logLevel`, else `MEMWIRE_LOG` where `process.env` exists, else off.
 */
export function createLog(logger: Logger | undefined, logLevel: LogLevel | undefined): Log | undefined {
  if (logLevel !== undefined && !LEVELS.includes(logLevel)) {
    throw new InvalidArgumentError(`logLevel must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(String(logLevel))}`);
  }
  const rank = LEVELS.indexOf(logLevel ?? envLogLevel());
  const target = logger ?? console;
  if (LEVELS.slice(1).some((name) => typeof (target as unknown as Record<string, unknown>)[name] !== 'function')) {
    throw new InvalidArgumentError('logger must have debug, info, warn and error methods');
  }
  return rank
    ? (at, line, secrets) => {
        if (LEVELS.indexOf(at) > rank) return;
        try {
          target[at](redact(`memwire: ${line}`, secrets));
        } catch {
          // A logger that fails must not fail the call it reports on.
        }
      }
    : undefined;
}

/** The top-level field names of a JSON request body, never its values: memories are personal data. */
export function fieldNames(body: string): string {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? ` (${Object.keys(value).join(', ')})` : '';
  } catch {
    return '';
  }
}
