// What an editor shows: hovers through the TypeScript language service name memwire's types by
// their provider-prefixed names, not the spec's (`MemoryUpdate`) nor an expanded object type.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILE = `${ROOT}test/types/hover-sample.ts`;
const SAMPLE = `import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
const mielto = new Mielto({ apiKey: 'k' });
const updated = await mielto.memories.update('mem_1', { memory: 'x' });
const replaced = await mielto.memories.replace('mem_1', { memory: 'x' });
const layered = await new MemoryLayer().memories.update('m', { content: 'x' });
const versioned = await new Supermemory().memories.update({ containerTag: 'c', id: 'm', newContent: 'x' });
const indexed = await new OpenSearchMemory().memories.update('c', 'long-term', 'm', { memory: 'x' });
export { updated, replaced, layered, versioned, indexed };
`;

function languageService(): ts.LanguageService {
  const config: unknown = ts.readConfigFile(`${ROOT}tsconfig.json`, (path) => readFileSync(path, 'utf8')).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...options, noEmit: true }),
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => ts.ScriptSnapshot.fromString(name === FILE ? SAMPLE : (ts.sys.readFile(name) ?? '')),
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => name === FILE || ts.sys.fileExists(name),
    readFile: (name) => (name === FILE ? SAMPLE : ts.sys.readFile(name)),
  };
  return ts.createLanguageService(host);
}

const service = languageService();
const hover = (text: string, occurrence = 0) => {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = SAMPLE.indexOf(text, at + 1);
  return ts.displayPartsToString(service.getQuickInfoAtPosition(FILE, at)?.displayParts);
};

describe('hovers', () => {
  it("show Mielto's methods with the prefixed names of their bodies and results", () => {
    expect(hover('update(')).toContain('patch: MieltoMemoryUpdate');
    expect(hover('update(')).toContain('ResponsePromise<MieltoMemoryUpdateResponse>');
    expect(hover('replace(')).toContain('memory: MieltoMemoryReplace');
    expect(hover('replace(')).toContain('ResponsePromise<MieltoMemoryReplaceResponse>');
  });

  it('show a result by its prefixed name, not as an expanded object type', () => {
    expect(hover('updated')).toBe('const updated: MieltoMemoryUpdateResponse');
    expect(hover('replaced')).toBe('const replaced: MieltoMemoryReplaceResponse');
    expect(hover('layered')).toBe('const layered: MemoryLayerMemory');
    expect(hover('versioned')).toBe('const versioned: SupermemoryVersion');
    expect(hover('indexed')).toBe('const indexed: OpenSearchUpdateResult');
  });
});
