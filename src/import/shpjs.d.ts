// shpjs ships no type declarations; only the function the importer uses is declared.
declare module 'shpjs' {
  /** Parses a .shp (no reprojection when `prj` is omitted); one geometry or null per record. */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, prj?: string | false): unknown[];
}
