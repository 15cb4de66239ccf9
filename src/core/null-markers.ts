// the key under which a table's details keep the markers its file was read with
const detailKey = 'null_values';

// how exports write an empty value: mysql -B writes NULL, SELECT … INTO OUTFILE and COPY write \N
const markerLike = new Set(['null', '\\n', '(null)', '<null>', '[null]', '#null!']);

/** True when a value looks like a way of writing "no value" rather than text: `NULL`, `\N`, `(null)`. */
export function looksLikeNullMarker(value: string): boolean {
  return markerLike.has(value.toLowerCase());
}

/** A table's details with the null markers its file is read with (unchanged when there are none). */
export function withNullMarkers(details: Readonly<Record<string, string>>, markers: readonly string[] | undefined): Readonly<Record<string, string>> {
  return markers === undefined || markers.length === 0 ? details : { ...details, [detailKey]: JSON.stringify(markers) };
}

/** The null markers a table's details name, or undefined. */
export function nullMarkersOf(details: Readonly<Record<string, string>> | undefined): readonly string[] | undefined {
  const text = details?.[detailKey];
  return text === undefined ? undefined : (JSON.parse(text) as string[]);
}

/**
 * A function that reads the values of a row with a file's null markers: a value that is
 * exactly a marker becomes empty (null); undefined when there are no markers.
 * @example readNullMarkers(['NULL'])!(['NULL', 'Null']) // [null, 'Null']
 */
export function readNullMarkers(markers: readonly string[] | undefined): ((values: readonly (string | null)[]) => (string | null)[]) | undefined {
  if (markers === undefined || markers.length === 0) return undefined;
  const set = new Set(markers);
  return (values) => values.map((v) => (v !== null && set.has(v) ? null : v));
}
