/**
 * Auto-height: the widget tells the page how tall it wants to be, and the loader (public/embed.js)
 * or an AMP page sizes the iframe. The map's natural height follows the iframe's width; when the
 * iframe is given a fixed height instead, the map stretches or shrinks to fill it.
 */

/** Natural map height for a given width: landscape on a desktop column, not too short on a phone. */
export function naturalMapHeight(width: number): number {
  return Math.round(Math.min(520, Math.max(240, width * 0.7)));
}

/** The messages a page may listen for: ours (the loader) and AMP's `embed-size` (amp-iframe). */
export function heightMessages(height: number): unknown[] {
  return [{ 'shanshui-height': height }, { sentinel: 'amp', type: 'embed-size', height }];
}

/** The loader's request for the current height (public/embed.js sends it when it starts). */
export const HEIGHT_REQUEST = 'shanshui-ping';

/**
 * Answers the loader's height request, from the parent page only, with `{"shanshui-height": px}`.
 * Needed because heights are otherwise posted only on change: a loader that arrives after the
 * widget has rendered would never hear one. Returns a function that stops listening.
 */
export function answerHeightRequests(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  parent: unknown,
  height: () => number,
  post: (message: unknown) => void,
): () => void {
  const onMessage = (event: MessageEvent) => {
    const data = event.data as Record<string, unknown> | null;
    if (event.source !== parent || !data || typeof data !== 'object' || !(HEIGHT_REQUEST in data)) return;
    post({ 'shanshui-height': height() });
  };
  target.addEventListener('message', onMessage);
  return () => target.removeEventListener('message', onMessage);
}

/**
 * Keeps `--map-h` on the root at the natural map height and posts the widget's natural height to
 * the parent page whenever it changes (and whenever the loader asks). Returns a function that stops it.
 */
export function startAutoHeight(root: HTMLElement, mapElement: HTMLElement, post: (message: unknown) => void = postToParent): () => void {
  let last = 0;
  const measure = () => {
    const mapHeight = naturalMapHeight(root.clientWidth || window.innerWidth);
    root.style.setProperty('--map-h', `${mapHeight}px`);
    // The content's height with the map at its natural height, whatever the iframe's height is now.
    return Math.ceil(root.scrollHeight - mapElement.offsetHeight + mapHeight);
  };
  const update = () => {
    const height = measure();
    if (height === last) return;
    last = height;
    for (const message of heightMessages(height)) post(message);
  };
  const observer = new ResizeObserver(update);
  observer.observe(root);
  for (const child of Array.from(root.children)) observer.observe(child);
  // Children added later (legend, summary) change the height too.
  const mutations = new MutationObserver(() => {
    for (const child of Array.from(root.children)) observer.observe(child);
    update();
  });
  mutations.observe(root, { childList: true });
  const stopAnswering = window.parent !== window ? answerHeightRequests(window, window.parent, measure, post) : () => {};
  update();
  return () => {
    observer.disconnect();
    mutations.disconnect();
    stopAnswering();
  };
}

function postToParent(message: unknown): void {
  // Height is not a secret: any embedding page may know it, so '*' is safe and works cross-origin.
  if (window.parent !== window) window.parent.postMessage(message, '*');
}
