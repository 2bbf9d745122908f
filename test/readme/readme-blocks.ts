/**
 * The README check's machinery: finds the ```ts blocks of a Markdown file (the README, or a guide
 * under docs/), typechecks each as its own module against the package's public entry points
 * (`memwire`, `memwire/testing`, `memwire/sandbox`…, mapped to the sources package.json's `exports`
 * are built from), and runs them:
 * a block that imports from 'vitest' is a test file, run by a vitest of its own with no globals;
 * any other block is a program, run by tsx with the environment the caller gives (the sandbox's URL
 * and key in place of the real services').
 *
 * One convention, for the rare block that must not run here: an HTML comment
 * `<!-- readme-check: compile-only -->` on the line before the fence. It is still typechecked.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { packageEntries } from '../../tsup.config.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The marker that keeps a block from running (it is still typechecked). */
export const COMPILE_ONLY = '<!-- readme-check: compile-only -->';

export interface CodeBlock {
  /** The Markdown file the block is in, relative to the repository: `README.md`, `docs/testing.md`. */
  readonly source: string;
  /** The line of that file where the block's code starts (1-based). */
  readonly line: number;
  readonly code: string;
  /** A test file (it imports from 'vitest'), run under vitest. */
  readonly vitest: boolean;
  /** Marked with {@link COMPILE_ONLY}: typechecked, never run. */
  readonly compileOnly: boolean;
}

/** Every ```ts (or ```typescript) block of a Markdown text, in order; `source` names the file it came from. */
export function tsBlocks(markdown: string, source = 'README.md'): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[2] ?? '```';
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(fence)) end++;
    const code = lines.slice(start, end).join('\n') + '\n';
    let before = i - 1;
    while (before >= 0 && (lines[before] ?? '').trim() === '') before--;
    blocks.push({
      source,
      line: start + 1,
      code,
      vitest: /from\s+['"]vitest['"]/.test(code),
      compileOnly: (lines[before] ?? '').trim() === COMPILE_ONLY,
    });
    i = end;
  }
  return blocks;
}

/** The pages of docs/ written for memwire's maintainers, not its users: they hold no example to check. */
export const MAINTAINER_DOCS: readonly string[] = [
  'docs/architecture.md',
  'docs/benchmarks.md',
  'docs/decisions.md',
  'docs/development.md',
  'docs/mutation.md',
];

/** Every Markdown file of docs/ (`docs/<name>.md`), sorted. */
export function docsPages(): string[] {
  return readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`);
}

/** The guides users read: every page of docs/ but the maintainers'. */
export function userGuides(): string[] {
  return docsPages().filter((page) => !MAINTAINER_DOCS.includes(page));
}

export interface CheckedDocument {
  readonly source: string;
  readonly blocks: readonly CodeBlock[];
}

/**
 * The files whose ```ts blocks the check compiles and runs: the README, then every page of docs/
 * that has any (every user guide does; a maintainer page that gains one is checked too).
 */
export function checkedDocuments(): CheckedDocument[] {
  return ['README.md', ...docsPages()]
    .map((source) => ({ source, blocks: tsBlocks(readFileSync(path.join(ROOT, source), 'utf8'), source) }))
    .filter(({ source, blocks }) => source === 'README.md' || blocks.length > 0);
}

/** `memwire`, `memwire/testing`… → the source file each is built from (package.json `exports` → tsup entry). */
export function entryPoints(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { import?: { default?: string } }>;
  };
  const entries: Record<string, string> = packageEntries;
  const map: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const file = typeof target === 'string' ? target : target.import?.default;
    const built = file && /^\.\/dist\/(.+)\.js$/.exec(file)?.[1];
    const source = built ? entries[built] : undefined;
    if (!source) continue;
    map[subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`] = path.join(ROOT, source);
  }
  return map;
}

/** A scratch folder inside the repository (so `msw`, `vitest` and Node's types resolve), with the blocks written out. */
export interface Workspace {
  readonly dir: string;
  readonly files: { readonly block: CodeBlock; readonly file: string }[];
  readonly tsconfig: string;
  remove(): void;
}

export function writeWorkspace(blocks: readonly CodeBlock[], name: string): Workspace {
  const dir = path.join(ROOT, 'test/readme', `.run-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entries = entryPoints();
  const files = blocks.map((block) => {
    // `README-line-12.ts`, `docs-testing-line-40.readme.ts`: one workspace can hold every document's blocks.
    // `.readme.ts`, never `.test.ts`: a folder left behind must not join `npm test`.
    const prefix = block.source.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
    const file = path.join(dir, `${prefix}-line-${block.line}${block.vitest ? '.readme' : ''}.ts`);
    writeFileSync(file, block.code);
    return { block, file };
  });
  const relative = (target: string) => `./${path.relative(dir, target).split(path.sep).join('/')}`;
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: relative(path.join(ROOT, 'tsconfig.test.json')),
        compilerOptions: {
          noEmit: true,
          paths: Object.fromEntries(Object.entries(entries).map(([id, file]) => [id, [relative(file)]])),
        },
        include: [],
        files: files.map(({ file }) => relative(file)),
      },
      null,
      2,
    ),
  );
  const config = path.join(dir, 'vitest.config.mjs');
  const alias = Object.entries(entries).map(([id, file]) => ({
    find: new RegExp(`^${id.replace('/', '\\/')}$`),
    replacement: file,
  }));
  writeFileSync(
    config,
    `export default {\n  resolve: { alias: [${alias.map((a) => `{ find: ${a.find}, replacement: ${JSON.stringify(a.replacement)} }`).join(', ')}] },\n` +
      `  test: { include: ['*.readme.ts'], globals: false, testTimeout: 30000 },\n};\n`,
  );
  return { dir, files, tsconfig, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * TypeScript's errors in the blocks (not in the sources they import), as
 * `<document>:<line>:<col> TS<code>: <message>` (`README.md:40:7 …`, `docs/testing.md:12:1 …`);
 * an error in the workspace's tsconfig starts with `tsconfig:`.
 */
export function typeErrors(workspace: Workspace): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    workspace.tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${workspace.tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const byFile = new Map(workspace.files.map(({ block, file }) => [path.resolve(file), block]));
  const errors: string[] = [];
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
    errors.push(`tsconfig: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  for (const { file } of workspace.files) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) {
      errors.push(`${file}: not in the program`);
      continue;
    }
    const block = byFile.get(path.resolve(file));
    for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      errors.push(`${block?.source ?? file}:${(block?.line ?? 0) + line}:${character + 1} TS${diagnostic.code}: ${message}`);
    }
  }
  return errors;
}

export interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

function run(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeout, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Runs a program block with tsx (the workspace's tsconfig maps the package names to the sources). */
export function runProgram(workspace: Workspace, file: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return run([require.resolve('tsx/cli'), '--tsconfig', workspace.tsconfig, file], { cwd: ROOT, env, timeout: 60_000 });
}

/** Runs the workspace's test blocks with a vitest of their own: no globals, the package names aliased to the sources. */
export function runVitest(workspace: Workspace): Promise<RunResult> {
  const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
  return run([vitest, 'run', '--root', workspace.dir, '--config', path.join(workspace.dir, 'vitest.config.mjs')], {
    cwd: workspace.dir,
    env: { CI: '1', NO_COLOR: '1' },
    timeout: 120_000,
  });
}
