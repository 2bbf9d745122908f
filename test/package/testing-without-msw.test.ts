import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, type InstalledPackage } from './built-package.js';

// An app that installed memwire but not msw (an optional peer, needed only by memwire/testing).
let installed: InstalledPackage | undefined;
beforeAll(async () => {
  installed = await installBuiltPackage(['esm', 'cjs'], { index: 'src/index.ts', testing: 'src/testing/index.ts' });
}, 60_000);
afterAll(() => installed?.remove());

async function run(code: string, type: 'module' | 'commonjs') {
  const flag = type === 'module' ? '--input-type=module' : '--input-type=commonjs';
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [flag, '-e', code], { cwd: installed!.app });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: (error as { stderr: string }).stderr };
  }
}

describe('memwire/testing without msw installed', () => {
  it.each([
    ['import', "await import('memwire/testing');", 'module'],
    ['require', "require('memwire/testing');", 'commonjs'],
  ] as const)('fails on %s with a message that says to install msw', async (_, code, type) => {
    const { ok, output } = await run(code, type);
    expect(ok).toBe(false);
    expect(output).toContain('memwire/testing needs msw, an optional peer dependency: npm install --save-dev msw');
  });

  it('leaves memwire itself working', async () => {
    const { ok, output } = await run("const { Mielto } = await import('memwire'); console.log(typeof Mielto);", 'module');
    expect({ ok, output: output.trim() }).toEqual({ ok: true, output: 'function' });
  });
});
