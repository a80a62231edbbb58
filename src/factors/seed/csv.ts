/**
 * Parses RFC 4180 CSV text into rows of fields: quoted fields may hold commas, line breaks and
 * doubled quotes (`""`); CRLF and LF line endings are accepted; a final line break is optional.
 * Throws on a quote that opens mid-field or is never closed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      if (field !== '') throw new Error(`CSV line ${line}: quote inside an unquoted field`);
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`CSV line ${line}: unterminated quoted field`);
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(`CSV line ${line}: text after a closing quote`);
      }
      // At the end of the text the row must be closed here: an empty quoted field leaves no trace.
      if (next === undefined) {
        endRow();
        return rows;
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      line++;
      i += 2;
    } else if (c === '\n') {
      endRow();
      line++;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** One CSV record keyed by header name. */
export type CsvRecord = Record<string, string>;

/**
 * Parses CSV text with a header line into records. Every record must have exactly as many
 * fields as the header (throws otherwise, naming the file and line).
 */
export function parseCsvRecords(text: string, fileName = 'CSV'): { header: string[]; records: CsvRecord[] } {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${fileName}: empty file`);
  const records = rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(
        `${fileName}: record ${index + 1} has ${fields.length} fields, the header has ${header.length}`,
      );
    }
    const record: CsvRecord = {};
    header.forEach((name, column) => {
      record[name] = fields[column] as string;
    });
    return record;
  });
  return { header, records };
}
