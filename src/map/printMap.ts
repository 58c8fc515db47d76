/**
 * The live map drawn for paper: its container is set, for a moment, to the map frame's shape and
 * its pixel ratio to the print resolution; the camera is placed for the paper scale (1:S at the
 * frame's centre latitude, Web Mercator); once everything is drawn the canvas is copied, and size,
 * pixel ratio and camera are put back. The user sees the map flicker once.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

const EARTH_CIRCUMFERENCE_M = 40075016.686;
/** CSS width of the map while it renders a frame (the pixel ratio supplies the resolution). */
const FRAME_CSS_WIDTH = 800;

interface PrintFrame {
  /** Frame size on paper, mm. */
  widthMm: number;
  heightMm: number;
  dpi: number;
  /** Scale denominator (1:scale). */
  scale: number;
  center: [number, number];
}

export async function renderMapForPrint(map: MapLibreMap, frame: PrintFrame): Promise<HTMLCanvasElement> {
  const container = map.getContainer();
  const saved = { width: container.style.width, height: container.style.height, ratio: map.getPixelRatio(), center: map.getCenter(), zoom: map.getZoom() };
  const cssWidth = FRAME_CSS_WIDTH;
  const cssHeight = Math.round((cssWidth * frame.heightMm) / frame.widthMm);
  const pixelWidth = Math.round((frame.widthMm / 25.4) * frame.dpi);
  // Ground metres across the frame, spread over its CSS pixels.
  const metresPerCssPixel = ((frame.widthMm / 1000) * frame.scale) / cssWidth;
  const zoom = Math.log2((EARTH_CIRCUMFERENCE_M * Math.cos((frame.center[1] * Math.PI) / 180)) / (512 * metresPerCssPixel));
  try {
    container.style.width = `${cssWidth}px`;
    container.style.height = `${cssHeight}px`;
    map.setPixelRatio(pixelWidth / cssWidth);
    map.resize();
    map.jumpTo({ center: frame.center, zoom });
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    const out = document.createElement('canvas');
    const source = map.getCanvas();
    out.width = source.width;
    out.height = source.height;
    // The WebGL buffer is readable only inside a render event (it is not preserved).
    await new Promise<void>((resolve) => {
      map.once('render', () => {
        out.getContext('2d')!.drawImage(source, 0, 0);
        resolve();
      });
      map.triggerRepaint();
    });
    return out;
  } finally {
    container.style.width = saved.width;
    container.style.height = saved.height;
    map.setPixelRatio(saved.ratio);
    map.resize();
    map.jumpTo({ center: saved.center, zoom: saved.zoom });
  }
}
