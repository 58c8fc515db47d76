import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { measurementBreakdown, prepareBreakdownContext } from './breakdown.ts';
import { createBreakdownClient } from './breakdownClient.ts';
import { changzhiPack } from './testing/changzhiPack.ts';

describe('createBreakdownClient without workers (Node)', () => {
  it('answers with the same breakdown as the function itself, and refuses before layers are set', async () => {
    const { layers } = changzhiPack();
    const client = createBreakdownClient();
    const plot: Polygon = { type: 'Polygon', coordinates: [[[113.0, 36.1], [113.1, 36.1], [113.1, 36.2], [113.0, 36.2], [113.0, 36.1]]] };
    await expect(client.breakdown(plot)).rejects.toThrow(/setLayers/);
    await client.setLayers(layers);
    const viaClient = await client.breakdown(plot);
    const direct = measurementBreakdown(plot, prepareBreakdownContext(layers));
    expect({ ...viaClient, elapsedMs: 0 }).toEqual({ ...direct, elapsedMs: 0 });
    expect(viaClient.counties.length).toBeGreaterThan(0);
    client.dispose();
  });
});
