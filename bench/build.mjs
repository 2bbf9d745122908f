// Builds the package (`npm run build`, so the bench measures what ships) and copies what it built
// to bench/.snapshot/<name>/ (package.json and dist/, as an installed copy would have them). The
// bench's children load memwire from that copy: other work in this checkout may rebuild or empty
// dist/ while a run takes its minutes, and every round must measure the same build.
// The copy finds openapi-fetch in the repository's node_modules/, like dist/ does.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);

/**
 * Builds unless `build` is false, snapshots, and returns the paths the bench loads memwire from.
 * Each bench has its own `name`, so one run cannot replace the copy another is loading.
 */
export function buildSnapshot({ build = true, name = 'memwire' } = {}) {
  const snapshot = new URL(`.snapshot/${name}/`, import.meta.url);
  if (build) {
    process.stderr.write('building (npm run build)…\n');
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  }
  if (!existsSync(new URL('dist/index.js', ROOT))) throw new Error('dist/index.js is missing: run without --no-build');
  rmSync(snapshot, { recursive: true, force: true });
  cpSync(new URL('package.json', ROOT), new URL('package.json', snapshot));
  cpSync(new URL('dist/', ROOT), new URL('dist/', snapshot), { recursive: true });
  return {
    /** The package folder (for a bundler, which resolves its exports like an app's would). */
    packageDir: fileURLToPath(snapshot),
    /** What `import('memwire')` loads: the copy of dist/index.js. */
    entry: new URL('dist/index.js', snapshot).href,
  };
}
