import { useEffect, type RefObject } from 'react';

/** The sheet animates its height over 0.2 s (app.css): its size is read once it has settled. */
const SETTLE_MS = 250;

/**
 * Reports how many pixels at the bottom of the map the phone's bottom sheet covers, measured from
 * the sheet itself (its snap heights are CSS: 120 px, 50 %, 100 % of the area below the header), so
 * the map frames a county or a feature in the part left visible above it.
 */
export function useSheetCover(sheet: RefObject<HTMLElement | null>, mapContainer: HTMLElement | undefined, active: boolean, onCover: (px: number) => void): void {
  useEffect(() => {
    const panel = sheet.current;
    if (!active || !panel || !mapContainer) return;
    const measure = () => {
      const map = mapContainer.getBoundingClientRect();
      const covered = Math.round(map.bottom - panel.getBoundingClientRect().top);
      // A full sheet hides the map: what is picked there is framed for the half sheet it comes back to.
      onCover(Math.max(0, Math.min(covered, Math.round(map.height / 2))));
    };
    let timer: number | undefined;
    const observer = new ResizeObserver(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(measure, SETTLE_MS);
    });
    observer.observe(panel);
    observer.observe(mapContainer);
    measure();
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [sheet, mapContainer, active, onCover]);
}
