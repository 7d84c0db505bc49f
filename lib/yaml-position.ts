// Where something sits in a YAML (or JSON) text, so an error can name the line: the one implementation
// behind product imports (lib/products/yaml.ts, odcs.ts) and policy uploads (lib/governance/policy-*.ts).
// Pure.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** A parsed document with the line counter it was parsed with. */
export type YamlSource = { doc: Document; lineCounter: LineCounter };
export type YamlPosition = { line: number; column: number };

/** 1-based line and column of a character offset. */
export function positionOf(lineCounter: LineCounter, offset: number): YamlPosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function hasRange(value: unknown): value is Node {
  return (isMap(value) || isSeq(value) || isScalar(value)) && Array.isArray(value.range);
}

/**
 * The position of the node at `path`, or of its deepest existing ancestor when a key or item is missing
 * (the document's start when nothing on the path exists). For a map entry the key's position is used, so
 * an error on `slo` points at `slo:` rather than at its first child.
 */
export function positionAt(source: YamlSource, path: readonly (string | number)[]): YamlPosition | undefined {
  let node: unknown = source.doc.contents;
  let found: Node | null = hasRange(node) ? node : null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      if (hasRange(pair.key)) found = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!hasRange(item)) break;
      found = item;
      node = item;
    } else break;
  }
  return found?.range ? positionOf(source.lineCounter, found.range[0]) : undefined;
}
