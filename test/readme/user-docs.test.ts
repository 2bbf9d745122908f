// What the README says about commands is true, the changelog ships, and the text users read (the
// README and every comment in src/, which reaches the published .d.ts hover text) speaks of the
// services and of memwire, never of the project's issues, seed documents or source pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './readme-blocks.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; files: string[] };

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );
}

/** Words that point at the project's own bookkeeping rather than at a behaviour. */
const BOOKKEEPING: readonly RegExp[] = [
  /\bissues? #?\d+/i,
  /\bseed (?:page|document|doc)s?\b/i,
  /\bseeds? #?\d{2,}/i,
  /shared\/(?:seeds|reference)/i,
  /\bthe page\b|\bpage's\b/i,
  /\bsource pages?\b|\bprose pages?\b/i,
];

function bookkeeping(file: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      BOOKKEEPING.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
    );
}

describe('the README and the package', () => {
  it('states the two commands at the top, and both exist', () => {
    const top = readme.slice(0, readme.indexOf('\n## '));
    expect(top).toContain('npm ci && npm start');
    expect(top).toMatch(/^npm test\b/m);
    expect(existsSync(path.join(ROOT, 'package-lock.json'))).toBe(true); // npm ci needs it
    expect(pkg.scripts.start).toMatch(/examples\/demo\.ts/);
    expect(read('examples/demo.ts')).toMatch(/startSandbox/); // no key, no network
    expect(pkg.scripts.test).toBe('vitest run');
    expect(read('vitest.config.ts')).toContain("'test/**/*.test.ts'");
  });

  it('names only scripts that exist', () => {
    const docs = [
      readme,
      ...readdirSync(path.join(ROOT, 'docs'))
        .filter((file) => file.endsWith('.md'))
        .map((file) => read(path.join('docs', file))),
    ].join('\n');
    const named = [...docs.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] ?? '');
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((script) => !(script in pkg.scripts))).toEqual([]);
  });

  it('ships CHANGELOG.md, which keeps a changelog from 0.1.0 with an Unreleased section on top', () => {
    expect(pkg.files).toContain('CHANGELOG.md');
    const changelog = read('CHANGELOG.md');
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((match) => match[1]);
    expect(versions[0]).toBe('Unreleased');
    expect(versions.at(-1)).toBe('0.1.0');
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((match) => match[1] ?? '');
    expect(links.filter((link) => !existsSync(path.join(ROOT, link)))).toEqual([]);
  });
});

describe('user-facing text', () => {
  it('the README refers to no issue, seed document or source page', () => {
    expect(bookkeeping('README.md', readme)).toEqual([]);
  });

  it('no comment in src/ (the .d.ts hover text) does either', () => {
    expect(sourceFiles('src').flatMap((file) => bookkeeping(file, read(file)))).toEqual([]);
  });
});
