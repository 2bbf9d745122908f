import { describe, expect, it } from 'vitest';
import { isJsonContentType, readFastApiBody } from '../../src/testing/fastapi-body.js';
import { parsePythonJson } from '../../src/testing/python-json.js';
import { PYTHON_JSON_ERRORS } from './fixtures/python-json-errors.js';

describe('parsePythonJson', () => {
  it.each(PYTHON_JSON_ERRORS)('rejects %j like CPython: %s at %i', (text, msg, pos) => {
    expect(parsePythonJson(text)).toEqual({ ok: false, msg, pos });
  });

  it('parses valid JSON like JSON.parse', () => {
    expect(parsePythonJson(' {"a": [1, "é😀", null]} ')).toEqual({ ok: true, value: { a: [1, 'é😀', null] } });
  });

  it('rejects NaN and Infinity, which JavaScript JSON cannot hold', () => {
    expect(parsePythonJson('{"a": NaN}')).toEqual({ ok: false, msg: 'Expecting value', pos: 6 });
    expect(parsePythonJson('-Infinity')).toEqual({ ok: false, msg: 'Expecting value', pos: 0 });
  });
});

describe('readFastApiBody', () => {
  it('parses JSON only for JSON content types (or none)', () => {
    expect(isJsonContentType(null)).toBe(true);
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/vnd.api+json')).toBe(true);
    expect(isJsonContentType('text/plain;charset=UTF-8')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType('json')).toBe(false);
  });

  it('passes the raw text on for other content types', () => {
    expect(readFastApiBody('{"a":1}', 'text/plain')).toEqual({ ok: true, value: '{"a":1}' });
    expect(readFastApiBody('{"a":1}', null)).toEqual({ ok: true, value: { a: 1 } });
  });
});
