/**
 * After a feature is picked from a list (county overview, search, a layer's feature list), its
 * details come into view and take the focus, so keyboard and screen-reader users land on what they
 * picked. The scroll is instant for users who ask for reduced motion.
 */
export function revealDetails(): void {
  requestAnimationFrame(() => {
    const heading = document.getElementById('details-heading');
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    heading?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    heading?.focus({ preventScroll: true });
  });
}
