#!/usr/bin/env node
// Gives dist/'s shared declaration chunks readable names, after tsup (`npm run build` runs it).
// tsup's declaration rollup names them `<name>-<hash>.d.ts` (and `.d.cts`), which is where an
// editor's go-to-definition lands. Each becomes `shared-<name>.d.ts`, with `-2`, `-3`, … when two
// share a name, numbered the same way in every build (see `order`), and the `./<name>-<hash>.js`
// (`.cjs`) specifiers in every declaration file are rewritten to match. The JS chunks keep their
// names: only the declarations matter to editors. Exits non-zero if a hashed name is left over or
// a relative import in a declaration file names no declaration file.
//
// Usage: node scripts/package/name-declarations.mjs [dist folder]   (default: dist/)
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(process.argv[2] ?? fileURLToPath(new URL('../../dist/', import.meta.url)));

/** A hashed chunk: `<name>-<8 characters of rollup's base64url hash>.d.ts` or `.d.cts`. */
const HASHED_DECLARATION = /^(?!shared-)(.+)-[A-Za-z0-9_-]{8}\.d\.c?ts$/;
const RELATIVE_SPECIFIER = /(['"])\.\/([^'"]+)\.(c?js)\1/g;

// ESM (.d.ts) and CommonJS (.d.cts) declarations import only their own kind: named apart.
for (const extension of ['.d.ts', '.d.cts']) nameChunks(extension);

const leftOver = readdirSync(dist).filter((file) => HASHED_DECLARATION.test(file));
const broken = declarationFiles().flatMap((file) =>
  [...read(file).matchAll(RELATIVE_SPECIFIER)]
    .map(([, , base, js]) => `${base}${js === 'js' ? '.d.ts' : '.d.cts'}`)
    .filter((target) => !existsSync(join(dist, target)))
    .map((target) => `${file} → ${target}`),
);
if (leftOver.length > 0 || broken.length > 0) {
  console.error(
    `name-declarations: in ${dist}, hashed: ${leftOver.join(', ') || 'none'}; imports of missing files: ${broken.join(', ') || 'none'}`,
  );
  process.exit(1);
}
console.log(
  `name-declarations: ${declarationFiles()
    .filter((file) => file.startsWith('shared-'))
    .join(', ')}`,
);

function nameChunks(extension) {
  const js = extension === '.d.ts' ? '.js' : '.cjs';
  const chunks = declarationFiles(extension).filter((file) => HASHED_DECLARATION.test(file));
  const renames = new Map(); // `<name>-<hash>` → `shared-<name>[-n]`, without extensions
  const byName = new Map();
  for (const file of chunks) {
    const name = file.match(HASHED_DECLARATION)[1];
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  for (const [name, files] of byName) {
    order(files).forEach((file, index) => {
      renames.set(file.slice(0, -extension.length), `shared-${name}${index === 0 ? '' : `-${index + 1}`}`);
    });
  }
  // Rewrite the specifiers first (in the old files), then rename.
  for (const file of declarationFiles(extension)) {
    const text = read(file).replace(RELATIVE_SPECIFIER, (specifier, quote, base) =>
      renames.has(base) ? `${quote}./${renames.get(base)}${js}${quote}` : specifier,
    );
    writeFileSync(join(dist, file), text);
  }
  for (const [from, to] of renames) renameSync(join(dist, from + extension), join(dist, to + extension));
}

/**
 * Orders chunks that share a name without looking at their hashes, so that a build numbers them
 * as the last one did: a chunk the others import first, then by the names it exports.
 */
function order(files) {
  const importsOf = (file) =>
    files.filter((other) => other !== file && read(file).includes(`./${other.replace(/\.d\.c?ts$/, '')}.`));
  const depth = (file, seen = new Set([file])) =>
    Math.max(
      0,
      ...importsOf(file)
        .filter((other) => !seen.has(other))
        .map((other) => 1 + depth(other, new Set([...seen, other]))),
    );
  const exported = (file) =>
    [...read(file).matchAll(/\bas (\w+)/g)]
      .map((match) => match[1])
      .sort()
      .join(',');
  return files
    .map((file) => ({ file, depth: depth(file), exported: exported(file) }))
    .sort((a, b) => a.depth - b.depth || (a.exported < b.exported ? -1 : a.exported > b.exported ? 1 : 0))
    .map(({ file }) => file);
}

function declarationFiles(extension) {
  return readdirSync(dist)
    .filter((file) => (extension ? file.endsWith(extension) : /\.d\.c?ts$/.test(file)))
    .sort();
}

function read(file) {
  return readFileSync(join(dist, file), 'utf8');
}
