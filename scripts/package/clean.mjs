// Empties dist/ before `tsup` runs its builds in parallel (so no build deletes another's output).
import { rmSync } from 'node:fs';

rmSync(new URL('../../dist/', import.meta.url), { recursive: true, force: true });
