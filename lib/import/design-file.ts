// A saved design (JSON or YAML, possibly partial) → design. The schema fills the defaults and judges the values;
// this file adds what the schema cannot say: unknown keys (zod drops them quietly) and the line of each problem.
// YAML is read from the positioned tree and guided by the schema, so that `pythonVersion: 3.10` stays the text
// "3.10" where the schema wants text, instead of YAML's number 3.1.
import { designSchema } from '@/lib/design/schema';
import { formatIssuePath } from '@/lib/validate-design';
import { checkImportSize, warningAt } from './common';
import type { ImportOptions, ImportResult, ImportWarning } from './types';
import { isNullNode, keyText, parseYamlTree, type YamlNode } from './yaml-tree';

/** The few fields of a zod definition this file reads. */
interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  options?: unknown[];
  values?: unknown[];
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** The schema under defaults, optionals and pipes. */
function unwrap(schema: unknown): SchemaDef | undefined {
  let current = schema;
  for (let depth = 0; depth < 20; depth += 1) {
    const def = defOf(current);
    if (!def) return undefined;
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return def;
  }
  return undefined;
}

/** Does the schema take text here (so a YAML number or boolean should stay the text as written)? */
function wantsText(schema: unknown): boolean {
  const def = unwrap(schema);
  if (!def) return false;
  if (def.type === 'string' || def.type === 'enum') return true;
  if (def.type === 'literal') return (def.values ?? []).some((value) => typeof value === 'string');
  if (def.type === 'union') return (def.options ?? []).some(wantsText);
  return false;
}

// YAML 1.2 core schema words, which js-yaml's default schema resolves the same way.
const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const INTEGER = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function scalarValue(node: Extract<YamlNode, { kind: 'scalar' }>, schema: unknown): unknown {
  if (!node.plain || wantsText(schema)) return node.value;
  if (NULL_WORDS.has(node.value)) return null;
  if (/^(?:true|True|TRUE)$/.test(node.value)) return true;
  if (/^(?:false|False|FALSE)$/.test(node.value)) return false;
  if (INTEGER.test(node.value) || FLOAT.test(node.value)) return Number(node.value);
  return node.value;
}

/** Positions of the values read, by issue path, to put a line on each schema message. */
type LineIndex = Map<string, number>;

class DesignReader {
  readonly lines: LineIndex = new Map();

  constructor(
    private readonly file: string,
    private readonly warnings: ImportWarning[],
  ) {}

  value(node: YamlNode, schema: unknown, path: Array<string | number>): unknown {
    this.lines.set(formatIssuePath(path), node.line);
    if (node.kind === 'scalar') return scalarValue(node, schema);
    const def = unwrap(schema);
    if (node.kind === 'sequence') return node.items.map((item, index) => this.value(item, def?.type === 'array' ? def.element : undefined, [...path, index]));
    const shape = def?.type === 'object' ? def.shape : undefined;
    const result: Record<string, unknown> = {};
    for (const entry of node.entries) {
      const key = keyText(entry);
      if (shape && !(key in shape)) {
        const where = path.length === 0 ? 'at the top' : `in "${formatIssuePath(path)}"`;
        this.warnings.push(
          warningAt({ file: this.file, line: entry.key.line }, `Ignored the unknown key "${key}" ${where}; known keys: ${Object.keys(shape).join(', ')}.`),
        );
        continue;
      }
      // `key:` with nothing after it means "not set": the schema's default applies.
      if (isNullNode(entry.value)) continue;
      result[key] = this.value(entry.value, shape?.[key], [...path, key]);
    }
    return result;
  }
}

/** The line of the nearest value an issue path points into. */
function lineFor(lines: LineIndex, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const line = lines.get(formatIssuePath(path.slice(0, length)));
    if (line !== undefined && length > 0) return line;
  }
  return undefined;
}

/**
 * Imports a saved design written as JSON or YAML. Missing fields get the schema's defaults; unknown keys are
 * reported and ignored; invalid values fail the import with one `path (line N): message` line each.
 * @example importDesignFile('conda:\n  pythonVersion: 3.13\n  packages: [numpy]\n', { fileName: 'design.yaml' })
 */
export function importDesignFile(text: string, options: ImportOptions = {}): ImportResult {
  const file = options.fileName ?? 'design.yaml';
  const tooLarge = checkImportSize(text, file);
  if (tooLarge) return { ok: false, error: tooLarge };
  const looksLikeJson = /^\s*[{[]/.test(text);
  if (looksLikeJson) {
    try {
      JSON.parse(text);
    } catch (error) {
      // YAML reads most broken JSON too, but JSON's own message is what a person who wrote JSON expects.
      if (/\.json$/i.test(file)) return { ok: false, error: `${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}.` };
    }
  }
  const tree = parseYamlTree(text, file);
  if (!tree.ok) return tree;
  if (!tree.root) return { ok: false, error: `${file} is empty; a design needs at least one field, e.g. "project: { name: my-project }".` };
  if (tree.root.kind !== 'mapping')
    return { ok: false, error: `${file}: a design is a mapping of sections (project, conda, pip, …), not ${tree.root.kind === 'sequence' ? 'a list' : 'a single value'}.` };
  const warnings: ImportWarning[] = [];
  const reader = new DesignReader(file, warnings);
  const input = reader.value(tree.root, designSchema, []);
  let parsed: ReturnType<typeof designSchema.safeParse>;
  try {
    parsed = designSchema.safeParse(input);
  } catch (error) {
    return { ok: false, error: `${file}: the design could not be validated (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const line = lineFor(reader.lines, issue.path);
      return `  ${formatIssuePath(issue.path)}${line === undefined ? '' : ` (line ${line})`}: ${issue.message}`;
    });
    return { ok: false, error: `${file} is not a valid design:\n${problems.join('\n')}` };
  }
  return { ok: true, design: parsed.data, warnings };
}
