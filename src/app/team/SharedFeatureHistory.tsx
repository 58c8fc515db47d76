/**
 * The history of a shared layer's feature in the details panel: its server versions with who and
 * when, and restore for a user who may write the feature (a county editor: within their counties;
 * the server refuses anyway).
 */
import { useState } from 'react';
import type { LoadedLayer } from '../../pack/types.ts';
import { ApiError } from '../../store/serverApi.ts';
import type { RecordVersion } from '../../store/serverApi.ts';
import { featureDisplayName } from '../../store/importedLayer.ts';
import { useI18n } from '../i18n.tsx';
import { HistoryButton, HistoryList } from '../sync/HistoryList.tsx';
import { useMayWriteAt } from './teamSlots.tsx';
import { useTeam } from './teamSlots.tsx';

export function SharedFeatureHistory({ layer, index }: { layer: LoadedLayer; index: number }) {
  const { t, lang } = useI18n();
  const team = useTeam();
  const mayWriteAt = useMayWriteAt();
  // The feature as it was when its history was opened: its server id and the versions shown.
  const [opened, setOpened] = useState<{ id: string; versions: RecordVersion[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (!team || !layer.shared) return null;
  const shared = team.sharedLayers;
  const name = featureDisplayName(layer, layer.data.features[index]?.properties, index, lang);
  const failed = (error: unknown) => setFailure(error instanceof ApiError ? error.text(lang) : String(error));
  const show = () => {
    setFailure(null);
    const id = shared.featureId(layer.id, index);
    shared.history(id).then((versions) => setOpened({ id, versions }), failed);
  };
  const restore = (version: number) => {
    if (!opened) return;
    setFailure(null);
    const { id, versions } = opened;
    shared
      .restore(layer.id, id, version, versions.at(-1)?.version ?? version)
      .then(() => shared.history(id))
      .then((next) => setOpened({ id, versions: next }), failed);
  };
  return (
    <div className="shared-feature-history">
      <p className="hint">{t('layers.sharedFeature', { by: layer.shared.by })}</p>
      <HistoryButton name={name} onOpen={show} failure={failure} />
      {opened && (
        <HistoryList name={name} versions={opened.versions} onRestore={mayWriteAt('feature', layer.data.features[index]?.geometry ?? null) ? restore : undefined} onClose={() => setOpened(null)} />
      )}
    </div>
  );
}
