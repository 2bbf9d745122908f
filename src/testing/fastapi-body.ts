import { pydanticError, type PydanticError } from './pydantic.js';
import { parsePythonJson } from './python-json.js';

/** A request body as a FastAPI route with one body model sees it, or the errors it reports. */
export type FastApiBody =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly errors: PydanticError[] };

/**
 * Reads a request body the way FastAPI does for a route with a single (non-embedded) body model:
 *
 * - an empty body, or the JSON `null`, is `missing` at `['body']`;
 * - with no `content-type`, or `application/json` / `application/*+json`, the text is parsed as
 *   JSON, and a syntax error is `json_invalid` at `['body', <position>]` with Python's message;
 * - with any other `content-type` (fetch's default `text/plain;charset=UTF-8` included) the raw
 *   text is what gets validated, so the model check then fails with `model_attributes_type`.
 *
 * @example
 * readFastApiBody('{"memory": }', 'application/json');
 * // { ok: false, errors: [{ type: 'json_invalid', loc: ['body', 11], msg: 'JSON decode error',
 * //   input: {}, ctx: { error: 'Expecting value' } }] }
 */
export function readFastApiBody(text: string, contentType: string | null): FastApiBody {
  if (text === '') return missingBody();
  if (!isJsonContentType(contentType)) return { ok: true, value: text };
  const parsed = parsePythonJson(text);
  if (!parsed.ok) {
    // FastAPI builds this error itself (not through pydantic), hence no `url`.
    const error = {
      type: 'json_invalid',
      loc: ['body', parsed.pos],
      msg: 'JSON decode error',
      input: {},
      ctx: { error: parsed.msg },
    };
    return { ok: false, errors: [error] };
  }
  return parsed.value === null ? missingBody() : { ok: true, value: parsed.value };
}

function missingBody(): FastApiBody {
  return { ok: false, errors: [pydanticError('missing', ['body'], null)] };
}

/**
 * Whether FastAPI parses a body with this `content-type` as JSON. A missing header counts.
 *
 * @example
 * isJsonContentType('application/merge-patch+json; charset=utf-8'); // true
 * isJsonContentType('text/plain;charset=UTF-8'); // false
 */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return true;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const [type, subtype = ''] = mediaType.split('/');
  return type === 'application' && (subtype === 'json' || subtype.endsWith('+json'));
}
