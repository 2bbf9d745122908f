import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationsModule } from '../../scripts/operations.mjs';
import * as memorylayer from '../../generated/memorylayer.operations.js';
import * as mielto from '../../generated/mielto.operations.js';
import * as opensearch from '../../generated/opensearch.operations.js';
import * as supermemory from '../../generated/supermemory.operations.js';

const specText = (name: string) => readFileSync(new URL(`../../spec/${name}.yaml`, import.meta.url), 'utf8');
const generated = { memorylayer, mielto, opensearch, supermemory };

describe('generated/<name>.operations.ts', () => {
  it.each(Object.keys(generated))('is what npm run generate writes from spec/%s.yaml', (name) => {
    const file = readFileSync(new URL(`../../generated/${name}.operations.ts`, import.meta.url), 'utf8');
    expect(file, `generated/${name}.operations.ts is stale: run npm run generate`).toBe(operationsModule(specText(name), name));
  });

  it('names every operation memwire marks, one per OpenSearch memory type', () => {
    const names = Object.values(generated).flatMap((module) =>
      Object.values(module as Record<string, { name?: string }>).flatMap((value) => value.name ?? []),
    );
    expect(names.sort()).toEqual([
      'memorylayer_update_memory',
      'mielto_replace_memory',
      'mielto_update_memory',
      'opensearch_update_long_term_memory',
      'opensearch_update_session',
      'opensearch_update_working_memory',
      'supermemory_update_memory',
    ]);
  });

  it('holds the fields the services store, per operation and memory type', () => {
    expect(mielto.mieltoUpdateMemory.fields).toEqual(['user_id', 'memory', 'topics', 'metadata']);
    expect(memorylayer.memorylayerUpdateMemory.fields).toEqual(['content', 'layerId', 'metadata']);
    expect(opensearch.opensearchUpdateSession.fields).toEqual(['summary', 'metadata', 'agents', 'additional_info', 'pinned']);
    expect(opensearch.opensearchUpdateWorkingMemory.fields).toEqual([
      'messages', 'binary_data', 'structured_data', 'structured_data_blob', 'metadata', 'tags',
    ]);
    expect(opensearch.opensearchUpdateLongTermMemory.fields).toEqual(['memory', 'tags', 'pinned']);
    expect(supermemory.supermemoryUpdateMemory.fields).toEqual([
      'id', 'content', 'containerTag', 'newContent', 'metadata', 'forgetAfter', 'forgetReason', 'temporalContext',
    ]);
  });

  it('fixes the OpenSearch memory type in each path, leaving the ids as parameters', () => {
    expect(opensearch.opensearchUpdateWorkingMemory.path).toBe('/_plugins/_ml/memory_containers/{memory_container_id}/memories/working/{id}');
    expect(Object.keys(opensearch.opensearchUpdateWorkingMemorySchema.pathParams)).toEqual(['memory_container_id', 'id']);
  });

  it('says which operations may be sent twice: replace may not, as its answer (old_memory) differs', () => {
    expect(mielto.mieltoUpdateMemory.idempotent).toBe(true);
    expect(mielto.mieltoReplaceMemory.idempotent).toBe(false);
    expect(supermemory.supermemoryUpdateMemory.idempotent).toBe(false);
    expect(memorylayer.memorylayerUpdateMemory.idempotent).toBe(true);
    expect(opensearch.opensearchUpdateSession.idempotent).toBe(true);
  });

  it('holds the required fields of each 200 response with their JSON types', () => {
    expect(mielto.mieltoReplaceMemory.response).toEqual({ memory_id: 'string', message: 'string', old_memory: 'object', new_memory: 'object' });
    expect(memorylayer.memorylayerUpdateMemory.response).toEqual({ success: 'boolean', data: 'object', message: 'string' });
    expect(supermemory.supermemoryUpdateMemory.response).toMatchObject({ id: 'string', version: 'number' });
    expect(opensearch.opensearchUpdateSession.response).toMatchObject({ _id: 'string', _version: 'integer', _shards: 'object' });
  });

  it('holds the body required fields, and the release each newer OpenSearch field arrived in', () => {
    expect(supermemory.supermemoryUpdateMemory.required).toEqual(['containerTag', 'newContent']);
    expect(mielto.mieltoReplaceMemory.required).toEqual(['memory']);
    expect(opensearch.opensearchUpdateSession.since).toEqual({ pinned: '3.8' });
    expect(opensearch.opensearchUpdateWorkingMemory.since).toEqual({ structured_data_blob: '3.5' });
  });

  it("holds the fields that find the memory where the spec marks them (x-memwire-find-by), and refuses one its body lacks", () => {
    expect(supermemory.supermemoryUpdateMemory.findBy).toEqual(['id', 'content']);
    expect('findBy' in mielto.mieltoUpdateMemory).toBe(false);
    const marked = specText('supermemory').replace('x-memwire-find-by: [id, content]', 'x-memwire-find-by: [id, memory_id]');
    expect(() => operationsModule(marked, 'supermemory')).toThrow(
      "operations: supermemory_update_memory's x-memwire-find-by names memory_id, no field of its body",
    );
  });

  it('writes each body as one closed JSON Schema, every $ref written out', () => {
    const { body } = supermemory.supermemoryUpdateMemorySchema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false, required: ['containerTag', 'newContent'] });
    expect(JSON.stringify(body)).not.toContain('$ref');
    expect(JSON.stringify(opensearch.opensearchUpdateWorkingMemorySchema.body)).toContain('"role"');
  });
});
