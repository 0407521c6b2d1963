// CSV writer against RFC 4180, and its defence against formula injection in spreadsheets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvRow, defuseFormula, toCsv, UTF8_BOM } from '../src/domain/csv.js';

/** A small RFC 4180 reader, to check that what is written reads back the same. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else {
      assert.notEqual(c, '\n', 'bare LF outside quotes');
      assert.notEqual(c, '\r', 'bare CR outside quotes');
      field += c;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('csvCell', () => {
  test('plain text and numbers are written as they are', () => {
    assert.equal(csvCell('Rye Lane'), 'Rye Lane');
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(-0.0692), '-0.0692');
    assert.equal(csvCell(12n), '12');
    assert.equal(csvCell(true), 'true');
  });
  test('empty values are empty cells; a Date is ISO 8601 UTC', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(new Date('2026-05-09T10:00:00Z')), '2026-05-09T10:00:00.000Z');
  });
  test('quotes fields with commas, quotes, CR or LF, doubling the quotes', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
    assert.equal(csvCell('both\r\n'), '"both\r\n"');
  });
});

describe('formula injection', () => {
  test('every dangerous first character gets a leading apostrophe', () => {
    for (const bad of ['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://evil.example","x")']) {
      assert.ok(defuseFormula(bad).startsWith("'"), bad);
      // The written cell read back starts with the apostrophe, so the spreadsheet sees text.
      assert.equal(parse(csvRow([bad]))[0]![0], `'${bad}`);
    }
  });
  test('harmless text is not changed, nor are dangerous characters later in the text', () => {
    for (const fine of ['Peckham', 'a=b', 'x-y', 'email@example.org', "'quoted already", '']) assert.equal(defuseFormula(fine), fine);
  });
  test('a real negative number is a number, not a formula', () => {
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell('-5'), "'-5");
  });
});

describe('toCsv', () => {
  test('rows end with CRLF and read back exactly', () => {
    const rows = [
      ['id', 'title', 'notes', 'lon'],
      ['1', 'Café, jardin', 'multi\nline "quoted"', -0.07],
      ['2', '=cmd|"/c calc"!A1', null, 51.5],
    ];
    const text = toCsv(rows);
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(parse(text), [
      ['id', 'title', 'notes', 'lon'],
      ['1', 'Café, jardin', 'multi\nline "quoted"', '-0.07'],
      ['2', `'=cmd|"/c calc"!A1`, '', '51.5'],
    ]);
  });
  test('the BOM is there only when asked for, and only once', () => {
    assert.ok(!toCsv([['a']]).startsWith(UTF8_BOM));
    const withBom = toCsv([['a'], ['b']], { bom: true });
    assert.ok(withBom.startsWith(UTF8_BOM));
    assert.equal(withBom.split(UTF8_BOM).length, 2);
    assert.deepEqual([...Buffer.from(withBom, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.deepEqual(parse(withBom.slice(1)), [['a'], ['b']]);
  });
  test('takes any iterable of rows (a generator, for exports built as they go)', () => {
    function* rows(): Generator<string[]> {
      yield ['x'];
      yield ['y'];
    }
    assert.equal(toCsv(rows()), 'x\r\ny\r\n');
  });
});
