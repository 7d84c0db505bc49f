// A streaming RFC 4180 CSV reader made for loads of millions of rows: lines without a quote are split
// natively (String#split), only quoted records go through the character loop, and nothing is allocated
// per record beyond its fields. csv-parse cost about half of a load's time (an info object per record).
// Rules: comma-separated, "" escapes a quote inside a quoted field, quoted fields may span lines, LF or
// CRLF line ends, a leading BOM is dropped, empty lines are skipped, every record must have as many
// fields as the first (the header). A bad record is reported with its line and skipped; a quote left
// open at the end of the input, or a record over MAX_RECORD_CHARS, ends the reading.

export const MAX_RECORD_CHARS = 1_000_000;

/** Takes a record and its (last) line number; returns a promise only when the reader must wait. */
export type OnRecord = (fields: string[], line: number) => Promise<void> | undefined;
export type OnProblem = (line: number, message: string, fatal: boolean) => void;

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

type Quoted = { fields: string[]; end: number; lines: number } | { error: string; end: number; lines: number } | null;

export class CsvReader {
  private carry = "";
  private line = 0; // lines fully consumed so far
  private width = -1;
  private started = false;
  /** Set once a fatal problem was reported: the rest of the input is ignored. */
  done = false;

  constructor(
    private readonly onRecord: OnRecord,
    private readonly onProblem: OnProblem,
  ) {}

  /** Reads every complete record of `chunk` (plus what an earlier chunk left unfinished). */
  async push(chunk: string): Promise<void> {
    if (this.done) return;
    let text = this.carry + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const rest = await this.records(text, false);
    this.carry = rest;
    if (!this.done && this.carry.length > MAX_RECORD_CHARS)
      this.fatal(this.line + 1, `a record is longer than ${MAX_RECORD_CHARS} characters`);
  }

  /** The input ended: the last record may lack its line end. */
  async end(): Promise<void> {
    if (this.done) return;
    const text = this.carry;
    this.carry = "";
    if (text.length > 0) await this.records(text, true);
  }

  private fatal(line: number, message: string) {
    this.done = true;
    this.carry = "";
    this.onProblem(line, message, true);
  }

  /** Emits the complete records of `text`; returns the unfinished tail (empty at the end of input). */
  private async records(text: string, last: boolean): Promise<string> {
    let pos = 0;
    const n = text.length;
    let quoteAt = -2; // the next quote at or after pos (-1: none left); looked up again only once passed
    while (pos < n && !this.done) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0 && !last) return text.slice(pos);
      if (nl < 0) nl = n;
      const lineEnd = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = text.indexOf('"', pos);
      if (quoteAt < 0 || quoteAt >= lineEnd) {
        this.line++;
        const start = pos;
        pos = nl + 1;
        if (lineEnd === start) continue; // empty line
        const wait = this.emit(text.slice(start, lineEnd).split(","), this.line);
        if (wait) await wait;
        continue;
      }
      const q = quotedRecord(text, pos, last);
      if (q === null) return text.slice(pos); // the record goes on in the next chunk
      this.line += q.lines;
      pos = q.end;
      if ("error" in q) {
        if (q.end >= n && last && q.error.startsWith("quote not closed")) {
          this.fatal(this.line, q.error);
          return "";
        }
        this.onProblem(this.line, q.error, false);
        continue;
      }
      const wait = this.emit(q.fields, this.line);
      if (wait) await wait;
    }
    return "";
  }

  private emit(fields: string[], line: number): Promise<void> | undefined {
    if (this.width < 0) this.width = fields.length;
    else if (fields.length !== this.width) {
      this.onProblem(line, `expected ${this.width} fields, found ${fields.length}`, false);
      return undefined;
    }
    return this.onRecord(fields, line);
  }
}

/**
 * Parses one record that contains a quote, from `start`. Returns null when the text ends inside the
 * record and more input may follow; `end` is the index after the record's line end.
 */
function quotedRecord(text: string, start: number, last: boolean): Quoted {
  const n = text.length;
  const fields: string[] = [];
  let lines = 1;
  let i = start;
  for (;;) {
    // At the start of a field.
    if (i < n && text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (!last) return null;
          for (let k = i; k < n; k++) if (text.charCodeAt(k) === LF) lines++;
          return { error: `quote not closed (field ${fields.length + 1})`, end: n, lines };
        }
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === LF) lines++;
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        if (q + 1 >= n && !last) return null; // cannot tell "" from " yet
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      const c = i < n ? text.charCodeAt(i) : LF;
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !last) return null; // a CRLF split across chunks
        if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
        return { fields, end: i + 1, lines };
      }
      if (c === LF) return { fields, end: i + 1, lines };
      return skipRest(text, i, last, lines, `invalid character after the closing quote of field ${fields.length}`);
    }
    // An unquoted field: up to the next comma or line end; a quote inside it is an error.
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === LF) break;
      if (c === QUOTE) return skipRest(text, j, last, lines, `a quote inside the unquoted field ${fields.length + 1}`);
    }
    if (j >= n && !last) return null;
    const end = j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j;
    fields.push(text.slice(i, end));
    if (j < n && text.charCodeAt(j) === COMMA) {
      i = j + 1;
      continue;
    }
    return { fields, end: j + 1, lines };
  }
}

/** A broken record ends at the next line end. */
function skipRest(text: string, from: number, last: boolean, lines: number, error: string): Quoted {
  const nl = text.indexOf("\n", from);
  if (nl < 0 && !last) return null;
  return { error, end: nl < 0 ? text.length : nl + 1, lines };
}
