// Parse YAML and validate it with a schema, turning every problem into one
// message with the file:line of the offending node.
import { LineCounter, parseDocument, isNode, isScalar, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { inputError } from '../errors.js';
import { describeCodePoint, findForbiddenCharacter } from '../model/characters.js';

// No hand-written file of ours needs more than a few aliases (`*name`); a file
// with thousands ("billion laughs") is an attack on memory, refused at once.
const maxAliasCount = 100;

export interface Located<T> {
  value: T;
  /** Line (1-based, in the file) of the node at `path`. */
  lineOf: (path: (string | number)[]) => number;
}

export function parseYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  /** Line in `file` where `text` starts (for front matter). */
  firstLine = 1,
): Located<z.infer<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = counter.linePos(err.pos[0]);
    throw inputError(
      `malformed YAML: ${err.message.split('\n')[0]}`,
      'fix the YAML syntax at that line (indentation, a missing colon or an unclosed quote).',
      { file, line: pos.line + firstLine - 1, column: pos.col },
    );
  }
  const lineOf = (path: (string | number)[]) => lineOfPath(doc, counter, path) + firstLine - 1;
  // Escapes (\x01, \ud800) put characters into YAML strings that the raw text does not show.
  visit(doc, {
    Scalar(_, node) {
      const found = typeof node.value === 'string' ? findForbiddenCharacter(node.value) : undefined;
      if (found && isScalar(node)) {
        throw inputError(
          `${describeCodePoint(found.codePoint)} in a value.`,
          'delete it: it cannot be printed (look for an escape such as \\x01 or an invisible character).',
          { file, line: counter.linePos(node.range?.[0] ?? 0).line + firstLine - 1 },
        );
      }
    },
  });
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const bomb = /excessive alias count/i.test(e.message);
    throw inputError(
      bomb
        ? `too many YAML aliases (more than ${maxAliasCount} uses of \`*name\`): a file built to exhaust memory.`
        : `a YAML alias with no anchor (${e.message.split('\n')[0]}).`,
      bomb ? 'write the values out instead of repeating anchors; no field here needs aliases.' : 'define `&name` before using `*name`, or write the value out.',
      { file, line: firstLine },
    );
  }
  const result = schema.safeParse(js ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const found = doc.getIn(path);
    throw inputError(
      `${path.join('.') || 'document'}: ${issue.message}${found !== undefined && typeof found !== 'object' ? ` (found ${JSON.stringify(found)})` : ''}.`,
      'correct that field; the README lists every field and its form.',
      { file, line: lineOf(path) },
    );
  }
  return { value: result.data, lineOf };
}

function lineOfPath(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}
