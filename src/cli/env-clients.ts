// The clients that environment variables configure, shared by the commands that call providers
// (`memwire mcp` and `memwire apply`): one table of variables, one set of messages.
import { MemwireError } from '../core/errors/memwire-error.js';
import type { ClientOptions } from '../core/options.js';
import { MemoryLayer } from '../providers/memorylayer.js';
import { Mielto } from '../providers/mielto.js';
import { OpenSearchMemory, type OpenSearchAuth } from '../providers/opensearch.js';
import { Supermemory } from '../providers/supermemory.js';
import type { MemoryClients } from '../tools/memory-tool.js';

/** An environment: `process.env` or any record like it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What {@link clientsFromEnv} found. */
export interface EnvClients {
  /** A client for each provider the environment configures. */
  clients: MemoryClients;
  /** The configured providers, in the table's order: `['Mielto', 'OpenSearch']`. */
  configured: string[];
  /** For each provider not configured, what would configure it: `'Supermemory: SUPERMEMORY_API_KEY (optional: SUPERMEMORY_BASE_URL)'`. */
  missing: string[];
  /** Providers whose variables are set in part, or that their client refused; each line names the variables (never their values). */
  problems: string[];
}

/** A provider's variables: which it reads, what configures it, and how they make its client. */
interface ProviderEnv {
  name: string;
  key: keyof MemoryClients;
  variables: readonly string[];
  needs: string;
  /** The client, or what is wrong with the variables (at least one of which is set). */
  create(vars: Env, options: ClientOptions): MemoryClients[keyof MemoryClients] | string;
}

const OPENSEARCH_CREDENTIALS = 'OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, OPENSEARCH_API_KEY or OPENSEARCH_TOKEN';

/** Every provider's variables, in the order the tools are listed. */
export const PROVIDER_ENV: readonly ProviderEnv[] = [
  {
    name: 'Mielto',
    key: 'mielto',
    variables: ['MIELTO_API_KEY', 'MIELTO_BASE_URL', 'MIELTO_WORKSPACE_ID'],
    needs: 'MIELTO_API_KEY (optional: MIELTO_BASE_URL, MIELTO_WORKSPACE_ID)',
    create: (v, options) =>
      v.MIELTO_API_KEY
        ? new Mielto({ ...options, apiKey: v.MIELTO_API_KEY, baseUrl: v.MIELTO_BASE_URL, workspaceId: v.MIELTO_WORKSPACE_ID })
        : 'MIELTO_API_KEY is not set',
  },
  {
    name: 'MemoryLayer',
    key: 'memoryLayer',
    variables: ['MEMORYLAYER_API_KEY', 'MEMORYLAYER_BASE_URL'],
    needs: 'MEMORYLAYER_API_KEY (optional: MEMORYLAYER_BASE_URL)',
    create: (v, options) =>
      v.MEMORYLAYER_API_KEY
        ? new MemoryLayer({ ...options, apiKey: v.MEMORYLAYER_API_KEY, baseUrl: v.MEMORYLAYER_BASE_URL })
        : 'MEMORYLAYER_API_KEY is not set',
  },
  {
    name: 'Supermemory',
    key: 'supermemory',
    variables: ['SUPERMEMORY_API_KEY', 'SUPERMEMORY_BASE_URL'],
    needs: 'SUPERMEMORY_API_KEY (optional: SUPERMEMORY_BASE_URL)',
    create: (v, options) =>
      v.SUPERMEMORY_API_KEY
        ? new Supermemory({ ...options, apiKey: v.SUPERMEMORY_API_KEY, baseUrl: v.SUPERMEMORY_BASE_URL })
        : 'SUPERMEMORY_API_KEY is not set',
  },
  {
    name: 'OpenSearch',
    key: 'openSearch',
    variables: ['OPENSEARCH_URL', 'OPENSEARCH_USERNAME', 'OPENSEARCH_PASSWORD', 'OPENSEARCH_API_KEY', 'OPENSEARCH_TOKEN'],
    needs: `OPENSEARCH_URL with ${OPENSEARCH_CREDENTIALS}`,
    create: (v, options) => {
      if (!v.OPENSEARCH_URL) return 'OPENSEARCH_URL is not set';
      const auth = openSearchAuth(v);
      return typeof auth === 'string' ? auth : new OpenSearchMemory({ ...options, baseUrl: v.OPENSEARCH_URL, auth });
    },
  },
];

/**
 * A client for each provider whose variables are set (an empty variable counts as unset), with
 * `options` (a logger, timeouts…) for all of them. Never throws for a bad environment: what is set
 * only in part, or refused by the client (a malformed URL), is in `problems`.
 *
 * @example
 * const { clients, missing, problems } = clientsFromEnv(process.env);
 * // MIELTO_API_KEY=… only: clients.mielto is a Mielto; missing names the other three providers' variables
 */
export function clientsFromEnv(env: Env, options: ClientOptions = {}): EnvClients {
  const found: EnvClients = { clients: {}, configured: [], missing: [], problems: [] };
  for (const provider of PROVIDER_ENV) {
    const vars = Object.fromEntries(provider.variables.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
    const set = Object.keys(vars);
    if (set.length === 0) {
      found.missing.push(`${provider.name}: ${provider.needs}`);
      continue;
    }
    const client = create(provider, vars, options);
    if (typeof client === 'string') found.problems.push(`${provider.name}: ${client} (set: ${set.join(', ')})`);
    else {
      Object.assign(found.clients, { [provider.key]: client });
      found.configured.push(provider.name);
    }
  }
  return found;
}

/** The provider's client, or why not: a client's refusal (its message names the provider) becomes one. */
function create(provider: ProviderEnv, vars: Env, options: ClientOptions): MemoryClients[keyof MemoryClients] | string {
  try {
    return provider.create(vars, options);
  } catch (error) {
    if (!(error instanceof MemwireError)) throw error;
    return error.message.replace(`${provider.name}: `, '');
  }
}

/** One kind of OpenSearch credentials, or what is wrong with those given. */
function openSearchAuth(v: Env): OpenSearchAuth | string {
  const basic = Boolean(v.OPENSEARCH_USERNAME || v.OPENSEARCH_PASSWORD);
  const kinds = [
    basic && 'OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD',
    v.OPENSEARCH_API_KEY && 'OPENSEARCH_API_KEY',
    v.OPENSEARCH_TOKEN && 'OPENSEARCH_TOKEN',
  ];
  const given = kinds.filter((kind): kind is string => Boolean(kind));
  if (given.length === 0) return `OPENSEARCH_URL needs credentials: ${OPENSEARCH_CREDENTIALS}`;
  if (given.length > 1) return `set one kind of credentials, not ${given.join(' and ')}`;
  if (v.OPENSEARCH_API_KEY) return { apiKey: v.OPENSEARCH_API_KEY };
  if (v.OPENSEARCH_TOKEN) return { token: v.OPENSEARCH_TOKEN };
  if (!v.OPENSEARCH_USERNAME || !v.OPENSEARCH_PASSWORD)
    return 'OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD go together: set both';
  return { username: v.OPENSEARCH_USERNAME, password: v.OPENSEARCH_PASSWORD };
}

/** The variables, one provider a line, for usage texts and the message of a command that found none. */
export function envHelp(indent = '  '): string {
  const width = Math.max(...PROVIDER_ENV.map(({ name }) => name.length)) + 2;
  return PROVIDER_ENV.map(({ name, needs }) => `${indent}${name.padEnd(width)}${needs}`).join('\n');
}

/**
 * Why `command` cannot call any provider: variables set in part, or no provider at all (with the
 * variables each would need, and the sandbox to try it on). `undefined` when it can.
 *
 * @example
 * refusalMessage('memwire mcp', clientsFromEnv({})); // 'memwire mcp: no provider is configured. Set the variables of at least one: …'
 */
export function refusalMessage(command: string, { configured, missing, problems }: EnvClients): string | undefined {
  if (problems.length > 0) {
    return `${command}: fix these environment variables first:\n${problems.map((line) => `  ${line}`).join('\n')}`;
  }
  if (configured.length > 0) return undefined;
  return [
    `${command}: no provider is configured. Set the variables of at least one:`,
    ...missing.map((line) => `  ${line}`),
    '',
    `or try it on fake providers with: ${command} --sandbox`,
  ].join('\n');
}
