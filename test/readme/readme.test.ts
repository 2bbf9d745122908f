// The README's promise, and every user guide's under docs/: each ```ts block in them compiles and
// runs as written. Each block is typechecked as its own module against the package's public entry
// points; the testing-kit examples (blocks that import from 'vitest') run under a vitest with no
// globals; every other block runs as a program with tsx, against a fresh sandbox standing in for the
// real services (the blocks read their keys and URLs from the environment, as the README tells
// users to). A block preceded by `<!-- readme-check: compile-only -->` is typechecked but not run.
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/serve.js';
import {
  checkedDocuments,
  runProgram,
  runVitest,
  tsBlocks,
  typeErrors,
  userGuides,
  writeWorkspace,
  type CodeBlock,
  type Workspace,
} from './readme-blocks.js';

const documents = checkedDocuments();
const workspaces: Workspace[] = [];
afterAll(() => workspaces.forEach((workspace) => workspace.remove()));

function workspace(of: readonly CodeBlock[], name: string): Workspace {
  const written = writeWorkspace(of, name);
  workspaces.push(written);
  return written;
}

/** The environment a README program reads: the sandbox's URL and key for every service. */
function sandboxEnv(url: string, apiKey: string): NodeJS.ProcessEnv {
  return {
    MIELTO_API_KEY: apiKey,
    MIELTO_BASE_URL: url,
    MEMORYLAYER_API_KEY: apiKey,
    MEMORYLAYER_BASE_URL: url,
    SUPERMEMORY_API_KEY: apiKey,
    SUPERMEMORY_BASE_URL: url,
    OPENSEARCH_URL: url,
    OPENSEARCH_PASSWORD: apiKey,
  };
}

// Every document's blocks in one workspace, typechecked once (one program over the sources), each
// document's test reading its own errors.
const all = workspace(
  documents.flatMap((document) => document.blocks),
  'all',
);
let allErrors: string[] | undefined;
const errorsOf = (source: string) =>
  (allErrors ??= typeErrors(all)).filter((error) => error.startsWith(`${source}:`) || error.startsWith('tsconfig:'));

describe('the documents checked', () => {
  it('are the README and every user guide in docs/', () => {
    const checked = documents.map((document) => document.source);
    expect(checked[0]).toBe('README.md');
    expect(userGuides().length).toBeGreaterThan(5);
    // A user guide without a ts block would drop out of the check unseen: each must have one.
    expect(userGuides().filter((guide) => !checked.includes(guide))).toEqual([]);
  });
});

describe.each(documents.map((document) => [document.source, document] as const))('%s', (source, { blocks }) => {
  it('has ts blocks, at most one of them compile-only', () => {
    if (source === 'README.md') {
      expect(blocks.length).toBeGreaterThan(5);
      // Including a testing-kit example that runs under vitest.
      expect(blocks.some((block) => block.vitest)).toBe(true);
    }
    expect(blocks.length).toBeGreaterThan(0);
    // Exceptions to "runs as written" stay rare.
    expect(blocks.filter((block) => block.compileOnly).length).toBeLessThanOrEqual(1);
  });

  it('every ts block typechecks on its own against memwire and its entry points', () => {
    expect(errorsOf(source)).toEqual([]);
  }, 240_000);

  const tests = blocks.filter((block) => block.vitest && !block.compileOnly);
  if (tests.length > 0) {
    it('the testing-kit examples pass under vitest without globals', async () => {
      const result = await runVitest(workspace(tests, `vitest-${source.replace(/[^A-Za-z0-9]+/g, '-')}`));
      expect(result.code, result.output).toBe(0);
    }, 180_000);
  }

  const programs = blocks.filter((block) => !block.vitest && !block.compileOnly);
  it.each(programs.map((block) => [block.line, block] as const))(
    'the block at line %i runs against the sandbox',
    async (_line, block) => {
      const sandbox = await startSandbox({ port: 0, log: () => {} });
      try {
        const file = all.files.find((written) => written.block === block)?.file ?? '';
        const result = await runProgram(all, file, sandboxEnv(sandbox.url, sandbox.apiKey));
        expect(result.code, result.output).toBe(0);
      } finally {
        await sandbox.close();
      }
    },
    90_000,
  );
});

describe('the README check itself', () => {
  const broken = tsBlocks(
    [
      '```ts',
      "import { Mielto } from 'memwire';",
      "const retries: string = new Mielto({ apiKey: 'k' }).withWorkspace('ws').raw;",
      '```',
      '',
      '```ts',
      "import { createMieltoFake } from 'memwire/testing';",
      "import { it, expect } from 'vitest';",
      "const fake = createMieltoFake({ apiKey: 'k' });",
      "it('fails', () => expect(fake.get('nothing')).toBeDefined());",
      '```',
      '',
      '```ts',
      "import { it } from 'vitest';",
      'beforeAll(() => {}); // a global that a test without globals does not have',
      "it('x', () => {});",
      '```',
      '',
      '<!-- readme-check: compile-only -->',
      '```typescript',
      "import { Mielto } from 'memwire';",
      "export const m = new Mielto({ apiKey: 'k' });",
      '```',
    ].join('\n'),
  );

  it('reads blocks, their README lines and the compile-only marker', () => {
    expect(broken.map((block) => [block.line, block.vitest, block.compileOnly])).toEqual([
      [2, false, false],
      [7, true, false],
      [14, true, false],
      [21, false, true],
    ]);
  });

  it('fails on a type error, and on a global the example does not import', () => {
    const errors = typeErrors(workspace(broken, 'broken-types'));
    expect(errors.some((error) => error.startsWith('README.md:3:'))).toBe(true);
    expect(errors.some((error) => error.startsWith('README.md:15:') && error.includes("'beforeAll'"))).toBe(true);
    expect(errors.filter((error) => /^README\.md:(8|9|10|22):/.test(error))).toEqual([]);
  }, 120_000);

  it("names each error's document and line, with several documents' blocks in one workspace", () => {
    const readme = tsBlocks(['```ts', "const count: number = 'one';", '```'].join('\n'));
    const guide = tsBlocks(
      [
        '# A guide',
        '```ts',
        "import { Mielto } from 'memwire';",
        "const count: number = new Mielto({ apiKey: 'k' });",
        '```',
      ].join('\n'),
      'docs/guide.md',
    );
    expect([...readme, ...guide].map((block) => [block.source, block.line])).toEqual([
      ['README.md', 2],
      ['docs/guide.md', 3],
    ]);
    const errors = typeErrors(workspace([...readme, ...guide], 'broken-documents'));
    expect(errors.filter((error) => error.startsWith('README.md:2:'))).toHaveLength(1);
    expect(errors.filter((error) => error.startsWith('docs/guide.md:4:'))).toHaveLength(1);
    expect(errors).toHaveLength(2);
  }, 120_000);

  it('fails when a program throws', async () => {
    const [program] = tsBlocks(
      "```ts\nimport { Mielto } from 'memwire';\nawait new Mielto({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' }).memories.update('m', { memory: 'x' }, { maxRetries: 0 });\n```\n",
    );
    const failing = workspace([program as CodeBlock], 'broken-program');
    const result = await runProgram(failing, failing.files[0]?.file ?? '', {});
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/ConnectionError/);
  }, 90_000);

  it('fails when an example fails', async () => {
    const result = await runVitest(workspace([broken[1] as CodeBlock], 'broken-test'));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/fails/);
  }, 180_000);
});
