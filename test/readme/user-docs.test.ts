// What the README says about commands is true, the changelog ships, the README stays short and
// leads to the guides, every link in the README and the guides resolves, and the text users read
// (the README, the guides under docs/ and every comment in src/, which reaches the published .d.ts
// hover text) speaks of the services and of memwire, never of the project's issues, seed documents
// or source pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAINTAINER_DOCS, ROOT, userGuides } from './readme-blocks.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; files: string[] };

/** What `wc -w` counts: runs of characters between whitespace, code blocks included. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = (heading[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** The relative links of a Markdown file that lead nowhere: a missing file, or a heading the target does not have. */
function brokenLinks(file: string): string[] {
  const text = read(file);
  const prose = text.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2\s*$/gm, '');
  const links = [...prose.matchAll(/\]\((?!https?:|mailto:)([^)\s]*)\)/g)].map((match) => match[1] ?? '');
  return links.filter((link) => {
    const [target = '', anchor] = link.split('#');
    const resolved = target === '' ? file : path.join(path.dirname(file), target);
    if (!existsSync(path.join(ROOT, resolved))) return true;
    return anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor);
  });
}

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

  it('stays within 3,500 words, code blocks included', () => {
    expect(words(readme)).toBeLessThanOrEqual(3_500);
  });

  it("links every user guide, the maintainers' pages and the changelog", () => {
    const linked = [...readme.matchAll(/\]\((docs\/[\w.-]+\.md|CHANGELOG\.md)[#)]/g)].map((match) => match[1]);
    expect(userGuides().length).toBeGreaterThan(5);
    for (const page of [...userGuides(), ...MAINTAINER_DOCS, 'CHANGELOG.md']) expect(linked).toContain(page);
  });

  it('says where npm run docs writes the API reference', () => {
    const typedoc = JSON.parse(read('typedoc.json')) as { out: string };
    expect(pkg.scripts.docs).toBe('typedoc');
    expect(readme).toContain('`npm run docs`');
    expect(readme).toContain(`\`${typedoc.out}/\``);
    expect(readme).toContain(`\`${typedoc.out}/index.html\``);
  });
});

describe('links', () => {
  it.each(['README.md', ...userGuides()])('%s links only to files and headings that exist', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it("computes GitHub's anchors for headings, outside code blocks", () => {
    expect([...anchors('# Errors and retries\n## `raw`: the typed client\n## Errors\n')]).toEqual([
      'errors-and-retries',
      'raw-the-typed-client',
      'errors',
    ]);
    expect(anchors('## Under load: `totalTimeout` (AWS SigV4)\n```md\n# not a heading\n```\n')).toEqual(
      new Set(['under-load-totaltimeout-aws-sigv4']),
    );
  });
});

describe('user-facing text', () => {
  it('the README and the user guides refer to no issue, seed document or source page', () => {
    expect(['README.md', ...userGuides()].flatMap((file) => bookkeeping(file, read(file)))).toEqual([]);
  });

  it('no comment in src/ (the .d.ts hover text) does either', () => {
    expect(sourceFiles('src').flatMap((file) => bookkeeping(file, read(file)))).toEqual([]);
  });
});
