// The README's promise: every ```ts block in it compiles and runs as written. Each block is
// typechecked as its own module against the package's public entry points; the testing-kit
// examples (blocks that import from 'vitest') run under a vitest with no globals; every other block
// runs as a program with tsx, against a fresh sandbox standing in for the real services (the
// blocks read their keys and URLs from the environment, as the README tells users to).
// A block preceded by `<!-- readme-check: compile-only -->` is typechecked but not run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/serve.js';
import {
  ROOT,
  runProgram,
  runVitest,
  tsBlocks,
  typeErrors,
  writeWorkspace,
  type CodeBlock,
  type Workspace,
} from './readme-blocks.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = tsBlocks(readme);
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

describe('README.md', () => {
  const all = workspace(blocks, 'all');

  it('has ts blocks, including a testing-kit example that runs under vitest', () => {
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.some((block) => block.vitest)).toBe(true);
    // Exceptions to "runs as written" stay rare.
    expect(blocks.filter((block) => block.compileOnly).length).toBeLessThanOrEqual(1);
  });

  it('every ts block typechecks on its own against memwire, memwire/testing and memwire/sandbox', () => {
    expect(typeErrors(all)).toEqual([]);
  }, 120_000);

  it('the testing-kit examples pass under vitest without globals', async () => {
    const tests = blocks.filter((block) => block.vitest && !block.compileOnly);
    const result = await runVitest(workspace(tests, 'vitest'));
    expect(result.code, result.output).toBe(0);
  }, 180_000);

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
