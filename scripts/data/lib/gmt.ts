/**
 * Runs GMT (Generic Mapping Tools) for the layers derived from Debian's data packages:
 * `gmt-dcw` (Digital Chart of the World borders, for the province outline) and `gmt-gshhg-full`
 * (GSHHG/WDBII rivers). Both are LGPL-3+ (see data/README.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GMT_APT_PACKAGES = ['gmt', 'gmt-gshhg-full', 'gmt-dcw'];

export class GmtMissingError extends Error {
  constructor(detail: string) {
    super(
      `GMT or its data is missing (${detail}).\n` +
        `Install the Debian packages: sudo apt-get install -y ${GMT_APT_PACKAGES.join(' ')}\n` +
        '(GMT 6.4 with gmt-dcw 2.1.1 and gmt-gshhg-full 2.3.7 reproduce the committed files byte for byte.)',
    );
    this.name = 'GmtMissingError';
  }
}

export function gmt(args: string[]): string {
  // GMT writes gmt.history into its working directory; keep it out of the repository.
  const cwd = mkdtempSync(path.join(tmpdir(), 'shanshui-gmt-'));
  try {
    return execFileSync('gmt', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new GmtMissingError('the gmt command was not found');
    throw new GmtMissingError(`gmt ${args.join(' ')} failed: ${String(err.stderr ?? err.message).trim().slice(0, 400)}`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Version of a Debian package, or null off Debian. Written into `source` so outputs are traceable. */
export function debianPackageVersion(pkg: string): string | null {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export interface GmtSegment {
  header: string;
  points: [number, number][];
}

/** Parses GMT's multi-segment ASCII output (`>` header lines, then "lon<TAB>lat" rows). */
export function parseGmtSegments(text: string): GmtSegment[] {
  const segments: GmtSegment[] = [];
  let current: GmtSegment | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('>')) {
      current = { header: line.slice(1).trim(), points: [] };
      segments.push(current);
      continue;
    }
    const [lon, lat] = line.split(/\s+/).map(Number);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`unexpected GMT output line: ${line}`);
    if (!current) {
      current = { header: '', points: [] };
      segments.push(current);
    }
    current.points.push([lon, lat]);
  }
  return segments;
}
