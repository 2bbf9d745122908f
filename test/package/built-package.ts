// The package as an app's node_modules holds it, without `npm run build`: tsup builds `memwire`
// (the public entry) with the very options of tsup.config.ts into a temporary
// <app>/node_modules/memwire/dist/, beside a copy of our package.json (so its `exports`,
// `sideEffects` and the rest apply), with openapi-fetch linked in as npm would install it.
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { packageBuild } from '../../tsup.config.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface InstalledPackage {
  /** The app's folder: resolve 'memwire' from here. */
  app: string;
  remove(): Promise<void>;
}

/** Builds `entry` (default: the public entry alone) in `formats` into a fresh app's node_modules. */
export async function installBuiltPackage(
  formats: ('esm' | 'cjs')[],
  entry: Record<string, string> = { index: 'src/index.ts' },
): Promise<InstalledPackage> {
  const app = await mkdtemp(join(tmpdir(), 'memwire-built-package-'));
  const remove = () => rm(app, { recursive: true, force: true });
  try {
    const modules = join(app, 'node_modules');
    await mkdir(join(modules, 'memwire'), { recursive: true });
    await copyFile(join(ROOT, 'package.json'), join(modules, 'memwire', 'package.json'));
    await symlink(join(ROOT, 'node_modules', 'openapi-fetch'), join(modules, 'openapi-fetch'), 'junction');
    for (const format of formats) {
      await build({
        ...packageBuild(format),
        config: false,
        silent: true,
        entry,
        dts: false,
        sourcemap: false,
        outDir: join(modules, 'memwire', 'dist'),
      });
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { app, remove };
}
