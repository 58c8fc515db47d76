/**
 * What a widget loads when it shows a published version: the pinned manifest (immutable, never
 * changes) or the `latest` one, on the server's own origin; and the layers to show, the chosen
 * ones plus the team's shared layers (a version without one of them leaves it out, with the
 * widget's usual console note).
 */
export type VersionChoice = 'current' | 'latest' | number;

export function publishedPackRef(packId: string, choice: VersionChoice): string | undefined {
  if (choice === 'current') return undefined;
  return choice === 'latest' ? `/packs/${packId}/latest/pack.json` : `/packs/${packId}@${choice}/pack.json`;
}

export function publishedLayers(chosen: readonly string[], sharedLayerIds: readonly string[], choice: VersionChoice): string[] {
  if (choice === 'current') return [...chosen];
  return [...chosen, ...sharedLayerIds.map((id) => `layer-${id}`).filter((id) => !chosen.includes(id))];
}
