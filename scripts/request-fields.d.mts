// The types of request-fields.mjs, for the test that checks generated/ against it.

/** generated/<name>.fields.ts for the text of spec/<name>.yaml. */
export function requestFieldsModule(specText: string, name: string): string;
