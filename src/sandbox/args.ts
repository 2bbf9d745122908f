import { parseArgs } from 'node:util';
import { DEFAULT_SANDBOX_KEY, DEFAULT_SANDBOX_PORT } from './serve.js';

/** The sandbox CLI's settings. */
export interface CliSettings {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string;
  readonly help: boolean;
  /** Set (true) by `--opensearch-multi-tenancy`. */
  readonly openSearchMultiTenancy?: true;
}

/** Usage text for `memwire-sandbox --help`. */
export const USAGE = `Usage: memwire-sandbox [--port <n>] [--host <address>] [--api-key <key>] [--opensearch-multi-tenancy]

Serves in-memory fakes of the memory providers' APIs over HTTP, for trying memwire locally.

  --port <n>         port to listen on (default ${DEFAULT_SANDBOX_PORT}; 0 picks a free one)
  --host <address>   address to listen on (default 127.0.0.1)
  --api-key <key>    the API key the fakes accept (default: $MEMWIRE_SANDBOX_KEY, else ${DEFAULT_SANDBOX_KEY})
  --opensearch-multi-tenancy
                     OpenSearch answers 403 to an update without an x-tenant-id header
  -h, --help         show this help`;

/**
 * Reads the CLI's flags (`--port 4010` or `--port=4010`) and environment; the `--api-key` flag
 * wins over `MEMWIRE_SANDBOX_KEY`. Returns an error message for an unknown flag or a bad port.
 *
 * @example
 * parseCliArgs(['--port', '0'], {}); // { ok: true, settings: { port: 0, host: '127.0.0.1', apiKey: 'memwire-sandbox-key', help: false } }
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; settings: CliSettings } | { ok: false; error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'opensearch-multi-tenancy': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const port = values.port === undefined ? DEFAULT_SANDBOX_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    return { ok: false, error: `--port must be an integer from 0 to 65535, got ${values.port}` };
  }
  const apiKey = values['api-key'] ?? (env.MEMWIRE_SANDBOX_KEY || DEFAULT_SANDBOX_KEY);
  if (apiKey === '') return { ok: false, error: '--api-key must not be empty' };
  if (values.host === '') return { ok: false, error: '--host must not be empty' };
  const settings: CliSettings = { port, host: values.host ?? '127.0.0.1', apiKey, help: values.help ?? false };
  return { ok: true, settings: values['opensearch-multi-tenancy'] ? { ...settings, openSearchMultiTenancy: true } : settings };
}
