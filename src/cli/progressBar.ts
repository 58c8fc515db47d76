import type { ZoneStatisticsProgress } from '../geo/zoneStatistics.ts';
import { headingInBothLanguages } from '../i18n/bothLanguages.ts';

const PHASES: Record<ZoneStatisticsProgress['phase'], string> = {
  validate: headingInBothLanguages('cli.progress.validate'),
  prepare: headingInBothLanguages('cli.progress.prepare'),
  merge: headingInBothLanguages('cli.progress.merge'),
  overlay: headingInBothLanguages('cli.progress.overlay'),
};

/**
 * A progress bar on stderr for long runs: only on a terminal, shown after `delayMs`, redrawn at
 * most every 100 ms, erased by `done()`.
 */
export function progressBar(stream: NodeJS.WriteStream, delayMs = 400): {
  update: (progress: ZoneStatisticsProgress) => void;
  done: () => void;
} {
  const start = Date.now();
  let last = 0;
  let shown = false;
  const enabled = Boolean(stream.isTTY);
  return {
    update(progress) {
      if (!enabled) return;
      const now = Date.now();
      if (now - start < delayMs || now - last < 100) return;
      last = now;
      shown = true;
      const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
      const width = 24;
      const filled = Math.round(fraction * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      stream.write(`\r[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${PHASES[progress.phase]} ${progress.done}/${progress.total}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
