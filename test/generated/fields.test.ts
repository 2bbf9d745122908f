import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { requestFieldsModule } from '../../scripts/request-fields.mjs';
import * as memorylayer from '../../generated/memorylayer.fields.js';
import * as mielto from '../../generated/mielto.fields.js';
import * as opensearch from '../../generated/opensearch.fields.js';
import * as supermemory from '../../generated/supermemory.fields.js';

type Schema = { properties?: Record<string, unknown>; allOf?: { $ref: string }[] };
const specText = (name: string) => readFileSync(new URL(`../../spec/${name}.yaml`, import.meta.url), 'utf8');
const schemas = (name: string) => (yaml.load(specText(name)) as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** A schema's property names, its allOf parts' first, read straight from the YAML. */
function propertiesOf(name: string, schema: string): string[] {
  const all = schemas(name);
  const own = all[schema]!;
  const parts = (own.allOf ?? []).flatMap((part) => propertiesOf(name, part.$ref.split('/').at(-1)!));
  return [...parts, ...Object.keys(own.properties ?? {})];
}

const generated = { memorylayer, mielto, opensearch, supermemory };

describe('generated/<name>.fields.ts', () => {
  it.each(Object.keys(generated))('is what npm run generate writes from spec/%s.yaml', (name) => {
    const file = readFileSync(new URL(`../../generated/${name}.fields.ts`, import.meta.url), 'utf8');
    expect(file, `generated/${name}.fields.ts is stale: run npm run generate`).toBe(requestFieldsModule(specText(name), name));
  });

  it.each(Object.entries(generated))("lists each request schema's properties in spec/%s.yaml", (name, lists) => {
    for (const [exported, fields] of Object.entries(lists)) {
      expect(fields, exported).toEqual(propertiesOf(name, exported.replace(/Fields$/, '')));
    }
  });

  it('holds the fields the services store, per operation and memory type', () => {
    expect(mielto.MemoryUpdateFields).toEqual(['user_id', 'memory', 'topics', 'metadata']);
    expect(memorylayer.MemoryUpdateRequestFields).toEqual(['content', 'layerId', 'metadata']);
    expect(opensearch.SessionMemoryUpdateFields).toEqual(['summary', 'metadata', 'agents', 'additional_info', 'pinned']);
    expect(opensearch.WorkingMemoryUpdateFields).toEqual(['messages', 'binary_data', 'structured_data', 'structured_data_blob', 'metadata', 'tags']);
    expect(opensearch.LongTermMemoryUpdateFields).toEqual(['memory', 'tags', 'pinned']);
    expect(supermemory.UpdateMemoryRequestFields).toEqual([
      'id', 'content', 'containerTag', 'newContent', 'metadata', 'forgetAfter', 'forgetReason', 'temporalContext',
    ]);
  });
});
