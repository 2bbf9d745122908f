#!/usr/bin/env node
// Where the bytes of an app's bundle go, by source file: what `npm run size` measures (an app that
// imports some of memwire's exports, openapi-fetch bundled in), but bundled from src/ so that
// esbuild's metafile can name each source file (dist/index.js is the same code, flattened into one
// file by the same esbuild, so the metafile would only say "dist/index.js").
//
// For each file and each group of files it prints the minified bytes esbuild put in the bundle and
// the gzip bytes the bundle would lose without them (the bundle gzipped whole, then again with that
// part cut out: gzip shares strings between parts, so these do not add up exactly to the total).
//
// Usage: node scripts/package/size-why.mjs [Export ...]   (default: Mielto)
import { gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['Mielto'];
const entry = `import { ${names.join(', ')} } from './src/index.ts';\nconsole.log(${names.join(', ')});\n`;

const GROUPS = [
  ['openapi-fetch', (file) => file.includes('node_modules/openapi-fetch/')],
  ['providers', (file) => file.startsWith('src/providers/')],
  ['core/errors', (file) => file.startsWith('src/core/errors/')],
  ['core/client.ts + transport.ts', (file) => ['src/core/client.ts', 'src/core/transport.ts'].includes(file)],
  ['core (the rest)', (file) => file.startsWith('src/core/')],
  ['other', () => true],
];

const common = {
  stdin: { contents: entry, resolveDir: root, sourcefile: 'app.js', loader: 'js' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
};

// 1. Minified as size-limit does it: bytes per source file from the metafile.
const minified = await esbuild.build({ ...common, minify: true });
const [output] = Object.values(minified.metafile.outputs);
const bytes = Object.fromEntries(
  Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [normalize(file), bytesInOutput]),
);
const total = { min: minified.outputFiles[0].contents.length, gzip: gzip(minified.outputFiles[0].text) };

// 2. The same, without whitespace minification, so that esbuild marks where each file's code begins
//    (`// src/core/client.ts`): cut one file (or group) out, gzip again.
const marked = await esbuild.build({ ...common, minifySyntax: true, minifyIdentifiers: true });
const parts = splitByFile(marked.outputFiles[0].text);
const markedGzip = gzip(parts.map((part) => part.code).join(''));
const without = (keep) =>
  markedGzip -
  gzip(
    parts
      .filter((part) => !keep(part.file))
      .map((part) => part.code)
      .join(''),
  );

const files = Object.keys(bytes).filter((file) => bytes[file] > 0);
const rows = files.map((file) => ({ file, min: bytes[file], gzip: without((f) => f === file) }));
rows.sort((a, b) => b.gzip - a.gzip || b.min - a.min);

const seen = new Set();
const groups = GROUPS.map(([name, test]) => {
  const members = files.filter((file) => !seen.has(file) && test(file));
  for (const file of members) seen.add(file);
  const set = new Set(members);
  return {
    name,
    files: members.length,
    min: members.reduce((sum, file) => sum + bytes[file], 0),
    gzip: without((f) => set.has(f)),
  };
}).filter((group) => group.files > 0);

console.log(`import { ${names.join(', ')} } from 'memwire': ${total.min} B minified, ${total.gzip} B gzip (level 9)\n`);
console.log('by group                              min B   gzip B lost without it');
for (const group of groups) {
  console.log(
    `  ${`${group.name} (${group.files})`.padEnd(36)}${String(group.min).padStart(6)}   ${String(group.gzip).padStart(6)}`,
  );
}
console.log('\nby file                                          min B   gzip B lost without it');
for (const row of rows) console.log(`  ${row.file.padEnd(46)}${String(row.min).padStart(6)}   ${String(row.gzip).padStart(6)}`);

function normalize(file) {
  const path = file.startsWith('/') ? relative(root, file) : file;
  return path.split('\\').join('/');
}

function gzip(text) {
  return gzipSync(Buffer.from(text), { level: 9 }).length;
}

/** The bundle's text cut where esbuild's `// <file>` markers begin each file's code. */
function splitByFile(text) {
  const marker = /^\/\/ (\S+)$/gm;
  const found = [];
  let match;
  while ((match = marker.exec(text)) !== null) found.push({ index: match.index, file: normalize(match[1]) });
  const result = [{ file: '(runtime)', code: text.slice(0, found[0]?.index ?? text.length) }];
  found.forEach((start, i) =>
    result.push({ file: start.file, code: text.slice(start.index, found[i + 1]?.index ?? text.length) }),
  );
  return result;
}
