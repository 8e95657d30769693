/**
 * Plain-text tables for the terminal, numbers right-aligned.
 *
 * @example
 *   console.log(table(['target', 'req/s'], [['bare', '5,120']]));
 */

const NUMERIC = /^[-+≈]?[\d,.]+(?:\s?[%×a-zµKBMms/]*)?$/;

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column > 0 && NUMERIC.test(cell)
          ? cell.padStart(widths[column]!)
          : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** A number with thousands separators and a fixed number of decimals. */
export const num = (value: number, decimals = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      })
    : 'n/a';

export const signed = (value: number, decimals = 2): string =>
  `${value >= 0 ? '+' : ''}${num(value, decimals)}`;

export const percent = (ratio: number, decimals = 1): string =>
  `${signed(ratio * 100, decimals)} %`;

export const megabytes = (bytes: number): string => `${num(bytes / 2 ** 20, 1)} MB`;

export const kilobytes = (bytes: number): string => `${num(bytes / 1024, 2)} KB`;
