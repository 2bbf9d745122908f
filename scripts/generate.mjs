// Writes, for each spec/<name>.yaml, generated/<name>.ts (the types, by openapi-typescript) and
// generated/<name>.operations.ts (one description per operation: scripts/operations.mjs). With --check it writes nothing and fails when any generated file differs from
// what its spec produces, or when a generated file has no spec.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationsModule } from './operations.mjs';

const check = process.argv.includes('--check');
const cli = join('node_modules', 'openapi-typescript', 'bin', 'cli.js');
const specs = readdirSync('spec')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length));
const scratch = mkdtempSync(join(tmpdir(), 'memwire-generate-'));
let drifted = 0;

try {
  for (const name of specs) generate(name);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Writes generated/<name>.ts and <name>.operations.ts from the spec or, with --check, compares them. */
function generate(name) {
  const fresh = join(scratch, `${name}.ts`);
  execFileSync(
    process.execPath,
    [cli, join('spec', `${name}.yaml`), '--root-types', '--root-types-no-schema-prefix', '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  write(join('generated', `${name}.ts`), readFileSync(fresh, 'utf8'), name);
  write(
    join('generated', `${name}.operations.ts`),
    operationsModule(readFileSync(join('spec', `${name}.yaml`), 'utf8'), name),
    name,
  );
}

/** Writes `produced` to `target` or, with --check, reports a difference. */
function write(target, produced, name) {
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
  if (!specs.includes(file.replace(/(\.operations)?\.ts$/, ''))) {
    console.error(`generated/${file} has no spec in spec/: delete it or add the spec`);
    drifted++;
  }
}
if (drifted) process.exit(1);
