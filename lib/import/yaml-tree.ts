// js-yaml's load() returns plain values without positions, but its event stream carries source offsets. This builds
// a small tree from the events so that every list item and key keeps its line, whatever the indentation style
// (unindented lists, 4-space indents, flow sequences), and keeps scalars as the text written (no 1.10 → 1.1).
import { EVENT_ID, SCALAR_STYLE, getScalarValue, load, parseEvents, type Event } from 'js-yaml';

/** A YAML node with the 1-based line it starts on. */
export type YamlNode =
  | { kind: 'scalar'; value: string; plain: boolean; line: number }
  | { kind: 'sequence'; items: YamlNode[]; line: number }
  | { kind: 'mapping'; entries: YamlEntry[]; line: number };

/** One key/value pair of a mapping. */
export interface YamlEntry {
  key: YamlNode;
  value: YamlNode;
}

/** Result of parseYamlTree: the document's root node, or js-yaml's message with the line and column. */
export type YamlTreeResult = { ok: true; root: YamlNode | undefined } | { ok: false; error: string };

// Aliases share nodes here, but whoever walks the tree visits a shared node once per alias: a "billion laughs"
// document of nested aliases would take forever. So the tree's expanded size is capped.
const MAX_ALIASES = 1000;
const MAX_EXPANDED_NODES = 100_000;

/** Raised inside the builder when aliases would expand the document past MAX_EXPANDED_NODES. */
class TooLargeError extends Error {}

/**
 * Parses one YAML document into nodes that know their line; malformed YAML gives js-yaml's reason and position.
 * @example parseYamlTree('a:\n- b\n') // { ok: true, root: { kind: 'mapping', line: 1, entries: [...] } }
 */
export function parseYamlTree(text: string, fileName: string): YamlTreeResult {
  if (text.trim() === '' || text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line))) return { ok: true, root: undefined };
  try {
    // load() also checks what the event stream does not: duplicate keys, unknown tags, alias limits.
    load(text, { filename: fileName, maxAliases: MAX_ALIASES });
    const events = parseEvents(text, { filename: fileName });
    return { ok: true, root: new TreeBuilder(text, events).build() };
  } catch (error) {
    if (error instanceof TooLargeError)
      return { ok: false, error: `${fileName}: its aliases (*name) expand to more than ${MAX_EXPANDED_NODES} values; write the values out instead.` };
    return { ok: false, error: describeYamlError(error, fileName) };
  }
}

/** "environment.yml: invalid YAML at line 3, column 5: bad indentation of a mapping entry". */
function describeYamlError(error: unknown, fileName: string): string {
  if (error && typeof error === 'object' && 'reason' in error) {
    const { reason, mark } = error as { reason: string; mark?: { line: number; column: number } };
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    return `${fileName}: invalid YAML${where}: ${reason}.`;
  }
  return `${fileName}: invalid YAML: ${error instanceof Error ? error.message : String(error)}.`;
}

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);

/** Is this an empty value (`key:` with nothing after it, `~`, `null`)? */
export function isNullNode(node: YamlNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.plain && NULL_WORDS.has(node.value));
}

/** The text of a mapping key (keys that are not scalars read as ""). */
export function keyText(entry: YamlEntry): string {
  return entry.key.kind === 'scalar' ? entry.key.value : '';
}

/** Lines as offsets: the 1-based line of an offset by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === '\n') starts.push(index + 1);
  return starts;
}

class TreeBuilder {
  private position = 0;
  private cursor = 0;
  private readonly starts: number[];
  private readonly anchors = new Map<string, YamlNode>();
  /** Each node's size with aliases expanded. */
  private readonly sizes = new WeakMap<YamlNode, number>();

  constructor(
    private readonly text: string,
    private readonly events: Event[],
  ) {
    this.starts = lineStarts(text);
  }

  build(): YamlNode | undefined {
    const document = this.events[this.position];
    if (document?.type !== EVENT_ID.DOCUMENT) return undefined;
    this.position += 1;
    if (this.events[this.position]?.type === EVENT_ID.POP) return undefined;
    return this.node();
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  private anchorName(start: number, end: number): string | undefined {
    if (start < 0) return undefined;
    return this.text.slice(start, end).replace(/^[&*]/, '');
  }

  /** Moves the cursor (the furthest source offset read) forward. */
  private advance(offset: number): number {
    if (offset >= 0) this.cursor = Math.max(this.cursor, offset);
    return offset;
  }

  /**
   * The line of an empty block sequence item (`-` with nothing after it), which has no offset in the events:
   * the next "-" after the cursor that starts a line's content.
   */
  private emptyItemLine(): number {
    const pattern = /^[ \t]*-(?=[ \t]|\r?\n|$)/gm;
    pattern.lastIndex = this.text.lastIndexOf('\n', this.cursor - 1) + 1;
    for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) {
      const dash = match.index + match[0].length - 1;
      if (dash < this.cursor) continue;
      this.cursor = dash + 1;
      return this.lineOf(dash);
    }
    return this.lineOf(this.cursor);
  }

  /** `parent` says where an empty scalar sits: as a sequence item, or as a value on its key's line. */
  private node(parent: { item: true } | { keyLine: number } | undefined = undefined): YamlNode {
    const event = this.events[this.position];
    this.position += 1;
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const positioned = event.valueStart >= 0;
        const line = positioned
          ? this.lineOf(this.advance(event.valueStart))
          : parent && 'item' in parent
            ? this.emptyItemLine()
            : parent && 'keyLine' in parent
              ? parent.keyLine
              : this.lineOf(this.cursor);
        this.advance(event.valueEnd);
        const node: YamlNode = {
          kind: 'scalar',
          value: getScalarValue(this.text, event),
          plain: event.style === SCALAR_STYLE.PLAIN && event.tagStart < 0,
          line,
        };
        return this.remember(node, event.anchorStart, event.anchorEnd);
      }
      case EVENT_ID.SEQUENCE: {
        const node: YamlNode = { kind: 'sequence', items: [], line: this.lineOf(event.start) };
        // A block sequence starts at its first "-", which the first empty item must still find.
        this.cursor = Math.max(this.cursor, event.start);
        this.remember(node, event.anchorStart, event.anchorEnd);
        while (this.events[this.position]?.type !== EVENT_ID.POP) node.items.push(this.node({ item: true }));
        this.position += 1;
        return this.measure(node, node.items);
      }
      case EVENT_ID.MAPPING: {
        const node: YamlNode = { kind: 'mapping', entries: [], line: this.lineOf(this.advance(event.start)) };
        this.remember(node, event.anchorStart, event.anchorEnd);
        while (this.events[this.position]?.type !== EVENT_ID.POP) {
          const key = this.node();
          node.entries.push({ key, value: this.node({ keyLine: key.line }) });
        }
        this.position += 1;
        return this.measure(
          node,
          node.entries.flatMap((entry) => [entry.key, entry.value]),
        );
      }
      case EVENT_ID.ALIAS: {
        const name = this.anchorName(event.anchorStart, event.anchorEnd) ?? '';
        // load() above has already refused unknown aliases, so the anchor exists.
        return this.anchors.get(name) ?? { kind: 'scalar', value: '', plain: true, line: 1 };
      }
      default:
        throw new Error(`unexpected YAML event ${event.type}`);
    }
  }

  private measure(node: YamlNode, children: YamlNode[]): YamlNode {
    const size = children.reduce((total, child) => total + (this.sizes.get(child) ?? 1), 1);
    if (size > MAX_EXPANDED_NODES) throw new TooLargeError();
    this.sizes.set(node, size);
    return node;
  }

  private remember(node: YamlNode, anchorStart: number, anchorEnd: number): YamlNode {
    const name = this.anchorName(anchorStart, anchorEnd);
    if (name !== undefined) this.anchors.set(name, node);
    return node;
  }
}
