// docs/bulk-updates.md lists each operation's input by hand: it must say what the specs say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_OPERATIONS } from '../../src/tools/tool-operations.js';

const guide = readFileSync(new URL('../../docs/bulk-updates.md', import.meta.url), 'utf8');
const rows = guide
  .split('\n')
  .filter((line) => /^\| `[a-z_]+_(memory|session)` /.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()));

describe("docs/bulk-updates.md's table of operations", () => {
  it('has a row for every operation, with its client', () => {
    expect(rows.map(([, operation]) => operation)).toEqual(TOOL_OPERATIONS.map((entry) => `\`${entry.schema.name}\``));
    expect(rows.map(([, , client]) => client)).toEqual(TOOL_OPERATIONS.map((entry) => `\`${entry.client}\``));
  });

  it('names only fields the operation takes, in bold exactly those it requires', () => {
    for (const [, operation, , input] of rows) {
      const entry = TOOL_OPERATIONS.find((candidate) => `\`${candidate.schema.name}\`` === operation)!;
      const pathParams = Object.keys(entry.schema.pathParams);
      const takes = [...pathParams, ...entry.operation.fields];
      const required = [...pathParams, ...entry.operation.required];
      const named = [...input!.matchAll(/(\*\*)?`([A-Za-z_]+)`/g)].map(([, bold, field]) => ({
        field: field!,
        bold: Boolean(bold),
      }));
      for (const { field } of named) expect(takes, `${operation} ${field}`).toContain(field);
      expect(named.filter(({ bold }) => bold).map(({ field }) => field)).toEqual(required);
    }
  });
});
