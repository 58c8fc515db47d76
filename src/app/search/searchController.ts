/**
 * The search box's state outside React: the index over the current layers (rebuilt in slices when
 * they change, so a 100,000-feature import does not freeze the page) and the results of the last
 * query, a position typed as coordinates first. Components subscribe and render. Loaded lazily
 * with pinyin-pro's dictionary, on the first focus of the search box.
 */
import type { LoadedLayer } from '../../pack/types.ts';
import { parseCoordinates, type ParsedPosition } from '../../search/parseCoordinates.ts';
import { pinyinOf } from '../../search/pinyinOf.ts';
import { buildSearchIndex, searchIndex, type SearchIndex } from '../../search/searchIndex.ts';
import { searchEntries, type FeatureTarget } from './searchEntries.ts';

export type SearchResult = { type: 'position'; position: ParsedPosition } | { type: 'feature'; target: FeatureTarget; name: string };

export interface SearchSnapshot {
  query: string;
  results: SearchResult[];
  /** The index is being (re)built; results may miss the newest layers meanwhile. */
  indexing: boolean;
}

const RESULT_LIMIT = 12;

export class SearchController {
  private index: SearchIndex<FeatureTarget> | null = null;
  private layers: readonly LoadedLayer[] | null = null;
  private build = 0;
  private snapshot: SearchSnapshot = { query: '', results: [], indexing: false };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0))) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SearchSnapshot => this.snapshot;

  /** Indexes these layers (a no-op for the same array); a newer call supersedes a running build. */
  async setLayers(layers: readonly LoadedLayer[]): Promise<void> {
    if (layers === this.layers) return;
    this.layers = layers;
    const build = ++this.build;
    this.update({ indexing: true });
    const superseded = new Error('superseded');
    let index: SearchIndex<FeatureTarget>;
    try {
      // A newer layer list stops this build at its next pause instead of finishing it for nothing.
      index = await buildSearchIndex(searchEntries(layers), pinyinOf, async () => {
        await this.pause();
        if (build !== this.build) throw superseded;
      });
    } catch (error) {
      if (error === superseded) return;
      throw error;
    }
    if (build !== this.build) return;
    this.index = index;
    this.update({ indexing: false, results: this.resultsFor(this.snapshot.query) });
  }

  setQuery(query: string): void {
    this.update({ query, results: this.resultsFor(query) });
  }

  private resultsFor(query: string): SearchResult[] {
    const results: SearchResult[] = [];
    const position = parseCoordinates(query);
    if (position) results.push({ type: 'position', position });
    if (this.index) for (const e of searchIndex(this.index, query, RESULT_LIMIT)) results.push({ type: 'feature', target: e.value, name: e.name });
    return results;
  }

  private update(change: Partial<SearchSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
