import { createRequire } from 'node:module';

/** memwire's version, from its package.json: found by the package's own name, from src/ and dist/ alike. */
export function version(): string {
  return (createRequire(import.meta.url)('memwire/package.json') as { version: string }).version;
}
