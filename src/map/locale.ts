/** MapLibre's own UI strings (button titles, gesture hints) in the user's language. */
import { translate, type Lang } from '../i18n/coreText.ts';

export function mapLocale(lang: Lang): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': translate(lang, 'map.zoomIn'),
    'NavigationControl.ZoomOut': translate(lang, 'map.zoomOut'),
    'Popup.Close': translate(lang, 'map.popupClose'),
    'Map.Title': translate(lang, 'map.label'),
    'AttributionControl.ToggleAttribution': translate(lang, 'map.attribution'),
    'CooperativeGesturesHandler.WindowsHelpText': translate(lang, 'map.gesture.windows'),
    'CooperativeGesturesHandler.MacHelpText': translate(lang, 'map.gesture.mac'),
    'CooperativeGesturesHandler.MobileHelpText': translate(lang, 'map.gesture.mobile'),
  };
}
