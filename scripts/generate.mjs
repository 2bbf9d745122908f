// Writes generated/<name>.ts from spec/<name>.yaml with openapi-typescript, one spec at a time.
// With --check it writes nothing and fails when any generated file differs from what its spec
// produces, or when a generated file has no spec.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const cli = join('node_modules', 'openapi-typescript', 'bin', 'cli.js');
const specs = readdirSync('spec').filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
const scratch = mkdtempSync(join(tmpdir(), 'memwire-generate-'));
let drifted = 0;

try {
  for (const name of specs) generate(name);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Writes generated/<name>.ts from its spec or, with --check, compares it with what the spec produces. */
function generate(name) {
  const target = join('generated', `${name}.ts`);
  const fresh = join(scratch, `${name}.ts`);
  execFileSync(
    process.execPath,
    [cli, join('spec', `${name}.yaml`), '--root-types', '--root-types-no-schema-prefix', '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const produced = readFileSync(fresh, 'utf8');
  if (!check) {
    writeFileSync(target, produced);
    console.log(`generated ${target} from spec/${name}.yaml`);
  } else if (!existsSync(target) || readFileSync(target, 'utf8') !== produced) {
    console.error(`${target} differs from what spec/${name}.yaml produces: run npm run generate`);
    drifted++;
  } else {
    console.log(`${target} matches spec/${name}.yaml`);
  }
}

for (const file of readdirSync('generated')) {
  if (!specs.includes(file.replace(/\.ts$/, ''))) {
    console.error(`generated/${file} has no spec in spec/: delete it or add the spec`);
    drifted++;
  }
}
if (drifted) process.exit(1);
