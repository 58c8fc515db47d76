/**
 * “测量此要素 / Measure this” for a feature's details: adds the feature's shape to the
 * measurements (with its split by county and zone) and selects it in the list. Renders nothing for
 * points, which have no area or length.
 */
import type { Feature, Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { useI18n } from '../i18n.tsx';
import { useMeasure } from './MeasureProvider.tsx';

interface MeasureThisButtonProps {
  feature: Feature<Geometry | null>;
  /** Name for the measurement (the feature's name in the UI language). */
  name: string;
  /** Layer the feature belongs to, kept with the measurement. */
  layerId?: string;
  className?: string;
}

export function MeasureThisButton({ feature, name, layerId, className }: MeasureThisButtonProps) {
  const { t } = useI18n();
  const { measureFeature } = useMeasure();
  const type = feature.geometry?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon' && type !== 'LineString') return null;
  return (
    <button type="button" className={className} onClick={() => void measureFeature(feature as Feature<Polygon | MultiPolygon | LineString>, name, layerId)}>
      {t('measure.measureThis')}
    </button>
  );
}
