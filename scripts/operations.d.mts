/** generated/<name>.operations.ts for a spec's text (scripts/operations.mjs). */
export function operationsModule(specText: string, name: string): string;
