import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measurement, MeasurementDraft } from '../measure/types.ts';
import { addUser } from '../server/services/users.ts';
import { cookieFetch } from '../server/testing/cookieFetch.ts';
import { openTestServer, type TestServer } from '../server/testing/testServer.ts';
import { createMemoryStore, memoryBacking } from '../store/memoryStore.ts';
import { ServerApi } from '../store/serverApi.ts';
import { memoryLinks, type SyncLink } from '../store/syncLinks.ts';
import { MEASUREMENTS_PATH, SyncController, type ServerMeasurement } from './syncController.ts';
import { browserLock } from './testing/browserLock.ts';

/** Coordinates rounded as PostGIS gives them back (ST_AsGeoJSON), so a round trip compares equal. */
const square = (x: number, y: number, d = 0.01): Polygon => {
  const [x1, y1] = [Number((x + d).toFixed(6)), Number((y + d).toFixed(6))];
  return { type: 'Polygon', coordinates: [[[x, y], [x1, y], [x1, y1], [x, y1], [x, y]]] };
};
const PASSWORD = 'sync-password-0123';

/** One browser of one user: its own store and links, a session cookie, and a network that can be cut. */
async function device(base: string, username: string) {
  const browser = cookieFetch();
  const net = { online: true };
  const fetchImpl = (input: string, init?: RequestInit) => (net.online ? browser(input, init) : Promise.reject(new TypeError('Failed to fetch')));
  const api = new ServerApi(fetchImpl, base);
  await api.signIn(username, PASSWORD);
  // What survives a reload: the browser's store and the links (IndexedDB in the app).
  const backing = memoryBacking<Measurement, MeasurementDraft>();
  const links = new Map<string, SyncLink>();
  const open = async (as = username) => {
    const other = as === username ? links : new Map<string, SyncLink>();
    const sync = new SyncController({ api, openLinks: () => Promise.resolve(memoryLinks(other)), later: () => () => undefined });
    const store = sync.attach(createMemoryStore<Measurement, MeasurementDraft>(backing));
    await sync.start(as);
    return { sync, store };
  };
  return { ...(await open()), net, api, reload: open, signInAs: async (as: string) => (await api.signIn(as, PASSWORD), open(as)) };
}

let n = 0;
const measurement = (name: string, geometry: Polygon = square(113.1, 36.2)): Measurement => ({
  id: `local-${++n}`,
  name,
  color: '#1971c2',
  hidden: false,
  kind: 'polygon',
  geometry,
  createdAt: '2026-12-03T09:00:00.000Z',
  updatedAt: '2026-12-03T09:00:00.000Z',
});

describe('SyncController against a real Shanshui server', { timeout: 60_000 }, () => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    server = await openTestServer(process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite');
    for (const username of ['ann', 'bo']) await addUser(server.database.db, { username, role: 'editor', password: PASSWORD });
    await addUser(server.database.db, { username: 'cy', role: 'county-editor', regions: ['140423'], password: PASSWORD });
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('keeps a write made offline, sends it on reconnect, shares it with the team, and the teammate sees every change', async () => {
    const a = await device(base, 'ann');
    const b = await device(base, 'bo');

    a.net.online = false;
    const made = await a.store.create(measurement('一号地块'));
    await a.sync.sync();
    expect(a.sync.getState()).toMatchObject({ status: 'offline' });
    expect(a.sync.getState().pending.has(made.id)).toBe(true);

    a.net.online = true;
    await a.sync.sync();
    expect(a.sync.getState()).toMatchObject({ status: 'synced', conflicts: [], refused: [] });
    expect(a.sync.getState().pending.size).toBe(0);
    const onServer = await a.api.list<ServerMeasurement>(MEASUREMENTS_PATH);
    expect(onServer.map((s) => [s.properties?.name, s.shared, s.owner])).toEqual([['一号地块', false, 'ann']]);
    expect((await a.store.get(made.id))?.team).toMatchObject({ owner: 'ann', updatedBy: 'ann' });

    // Private: the teammate does not get it.
    await b.sync.sync();
    expect(await b.store.list()).toEqual([]);

    await a.sync.setShared(made.id, true);
    await b.sync.sync();
    const seen = await b.store.list();
    expect(seen.map((m) => [m.name, m.shared, m.team?.owner])).toEqual([['一号地块', true, 'ann']]);

    // An edit made offline arrives after reconnecting; the teammate's copy follows.
    a.net.online = false;
    await a.store.patch(made.id, { name: '一号地块（修订）', geometry: square(113.1, 36.2, 0.02) });
    await a.sync.sync();
    expect(a.sync.getState().pending.has(made.id)).toBe(true);
    // The page closed while offline; opened again online, the pending edit is found and sent.
    a.net.online = true;
    const reloaded = await a.reload();
    expect(reloaded.sync.getState().pending.size).toBe(0);
    expect(await a.api.get<ServerMeasurement>(MEASUREMENTS_PATH, (await a.api.list<ServerMeasurement>(MEASUREMENTS_PATH))[0].id)).toMatchObject({ properties: { name: '一号地块（修订）' } });
    await b.sync.sync();
    const [updated] = await b.store.list();
    expect(updated.name).toBe('一号地块（修订）');
    expect(updated.geometry).toEqual(square(113.1, 36.2, 0.02));

    // Shared is the team's: the teammate changes it, and the owner's copy follows with who changed it.
    await b.store.patch(updated.id, { name: '别人改的' });
    await b.sync.sync();
    expect(b.sync.getState()).toMatchObject({ status: 'synced', conflicts: [], refused: [] });
    await a.sync.sync();
    expect((await a.store.get(made.id))?.name).toBe('别人改的');
    expect((await a.store.get(made.id))?.team).toMatchObject({ owner: 'ann', updatedBy: 'bo' });

    // Taking it from the team is the owner's: the teammate's unsharing is refused with the server's words, kept here.
    await b.sync.setShared(updated.id, false);
    const [unshare] = b.sync.getState().refused;
    expect(unshare.error.status).toBe(403);
    expect(unshare.error.text('zh')).toBe('只有创建者可以取消共享');
    expect((await b.store.get(updated.id))?.shared).toBe(false);
    expect(b.sync.getState().pending.has(updated.id)).toBe(true);

    // A county editor of 襄垣县 sees the shared measurement but may not change it: it lies outside their county.
    const c = await device(base, 'cy');
    const [far] = await c.store.list();
    expect(far.name).toBe('别人改的');
    await c.store.patch(far.id, { name: '县里改的' });
    await c.sync.sync();
    const [outside] = c.sync.getState().refused;
    expect(outside.error.status).toBe(403);
    expect(outside.error.text('zh')).toBe('位置超出你负责的区县');
    expect((await c.store.get(far.id))?.name).toBe('县里改的');
    expect(c.sync.getState().pending.has(far.id)).toBe(true);

    // History: every server version with who; restore brings the first back as the newest.
    const history = await a.sync.history(made.id);
    expect(history.map((v) => [v.version, v.author, v.data.name, v.shared])).toEqual([
      [1, 'ann', '一号地块', false],
      [2, 'ann', '一号地块', true],
      [3, 'ann', '一号地块（修订）', true],
      [4, 'bo', '别人改的', true],
    ]);
    await a.sync.restore(made.id, 1);
    expect((await a.store.get(made.id))?.name).toBe('一号地块');
    expect((await a.sync.history(made.id)).at(-1)).toMatchObject({ version: 5, author: 'ann', shared: false });

    // Another user signs in on the teammate's browser: what came from the server under bo is not sent again as new.
    const before = (await a.api.list<ServerMeasurement>(MEASUREMENTS_PATH)).length;
    const other = await b.signInAs('ann');
    expect(other.sync.getState().pending.size).toBe(0);
    expect(await a.api.list<ServerMeasurement>(MEASUREMENTS_PATH)).toHaveLength(before);

    // Deleted by its owner: gone for the owner on the server.
    await a.store.delete(made.id);
    await a.sync.sync();
    expect(await a.api.list(MEASUREMENTS_PATH)).toEqual([]);
  });

  it('an edit made in two places is a conflict with both versions; keep both, keep mine and keep theirs lose nothing; a delete of a changed record is refused and theirs comes back', async () => {
    const phone = await device(base, 'ann');
    const laptop = await device(base, 'ann');
    const made = await phone.store.create({ ...measurement('河滩地'), shared: true });
    await phone.sync.sync();
    await laptop.sync.sync();
    const [there] = await laptop.store.list();
    expect(there.name).toBe('河滩地');

    await laptop.store.patch(there.id, { name: '河滩地（笔记本）' });
    await laptop.sync.sync();
    phone.net.online = false;
    await phone.store.patch(made.id, { name: '河滩地（手机）' });
    phone.net.online = true;
    await phone.sync.sync();

    const [conflict] = phone.sync.getState().conflicts;
    expect(conflict.mine.name).toBe('河滩地（手机）');
    expect(conflict.theirs.name).toBe('河滩地（笔记本）');
    expect(conflict.theirs.team).toMatchObject({ owner: 'ann', updatedBy: 'ann' });
    expect(conflict.theirVersion).toBe(2);
    // Nothing was overwritten: here mine, there theirs.
    expect((await phone.store.get(made.id))?.name).toBe('河滩地（手机）');
    expect((await phone.api.list<ServerMeasurement>(MEASUREMENTS_PATH)).map((s) => s.properties?.name)).toEqual(['河滩地（笔记本）']);

    await phone.sync.resolve(made.id, 'both');
    expect(phone.sync.getState().conflicts).toEqual([]);
    expect((await phone.store.list()).map((m) => m.name).sort()).toEqual(['河滩地（手机）', '河滩地（笔记本）'].sort());
    expect((await phone.api.list<ServerMeasurement>(MEASUREMENTS_PATH)).map((s) => s.properties?.name).sort()).toEqual(['河滩地（手机）', '河滩地（笔记本）'].sort());

    // Again on the laptop's record, now keeping mine: a new version over theirs.
    await laptop.sync.sync();
    await laptop.store.patch(there.id, { color: '#2f9e44' });
    await laptop.sync.sync();
    await phone.store.patch(made.id, { color: '#e03131' });
    await phone.sync.sync();
    expect(phone.sync.getState().conflicts.map((c) => [c.mine.color, c.theirs.color])).toEqual([['#e03131', '#2f9e44']]);
    await phone.sync.resolve(made.id, 'mine');
    await laptop.sync.sync();
    expect((await laptop.store.get(there.id))?.color).toBe('#e03131');
    const versions = await laptop.sync.history(there.id);
    expect(versions.map((v) => v.data.color)).toContain('#2f9e44');

    // Keep theirs: the server's version replaces mine here, and nothing more is sent.
    await laptop.store.patch(there.id, { name: '河滩地（定稿）' });
    await laptop.sync.sync();
    await phone.store.patch(made.id, { name: '河滩地（草稿）' });
    await phone.sync.sync();
    expect(phone.sync.getState().conflicts.map((c) => c.theirs.name)).toEqual(['河滩地（定稿）']);
    await phone.sync.resolve(made.id, 'theirs');
    expect((await phone.store.get(made.id))?.name).toBe('河滩地（定稿）');
    expect(phone.sync.getState()).toMatchObject({ conflicts: [], refused: [] });
    expect(phone.sync.getState().pending.size).toBe(0);
    expect((await laptop.sync.history(there.id)).map((v) => v.data.name)).not.toContain('河滩地（草稿）');

    // Deleted on the phone while changed on the laptop: the refusal is shown and the laptop's version comes back.
    await laptop.store.patch(there.id, { name: '河滩地（又改）' });
    await laptop.sync.sync();
    phone.net.online = false;
    await phone.store.delete(made.id);
    phone.net.online = true;
    await phone.sync.sync();
    expect(phone.sync.getState().refused.map((r) => [r.name, r.error.status])).toEqual([['河滩地（又改）', 409]]);
    expect((await phone.store.list()).map((m) => m.name)).toContain('河滩地（又改）');
  });

  it('two users edit the same shared measurement: the second writer gets a conflict with both versions, and keep both or keep mine leave both on the server', async () => {
    const a = await device(base, 'ann');
    const b = await device(base, 'bo');
    const made = await a.store.create({ ...measurement('南坡', square(113.2, 36.3)), shared: true });
    await a.sync.sync();
    await b.sync.sync();
    const there = (await b.store.list()).find((m) => m.name === '南坡');
    if (!there) throw new Error('the teammate did not get the shared measurement');
    const named = async (device: { api: ServerApi }) =>
      (await device.api.list<ServerMeasurement>(MEASUREMENTS_PATH))
        .filter((s) => String(s.properties?.name).startsWith('南坡'))
        .map((s) => [s.properties?.name, s.owner, s.shared])
        .sort((p, q) => String(p[0]).localeCompare(String(q[0])));

    // A writes first; B, still holding the version before, writes second and is the one shown the conflict.
    await a.store.patch(made.id, { name: '南坡（安）' });
    await a.sync.sync();
    await b.store.patch(there.id, { name: '南坡（波）' });
    await b.sync.sync();
    expect(a.sync.getState().conflicts).toEqual([]);
    const [conflict] = b.sync.getState().conflicts;
    expect([conflict.mine.name, conflict.theirs.name]).toEqual(['南坡（波）', '南坡（安）']);
    expect(conflict.theirs.team).toMatchObject({ owner: 'ann', updatedBy: 'ann' });
    expect(await named(b)).toEqual([['南坡（安）', 'ann', true]]);

    // Keep both: B's version becomes B's own shared measurement beside A's; A sees both.
    await b.sync.resolve(there.id, 'both');
    expect(b.sync.getState()).toMatchObject({ conflicts: [], refused: [] });
    const both = [
      ['南坡（安）', 'ann', true],
      ['南坡（波）', 'bo', true],
    ];
    expect(await named(b)).toEqual(both);
    expect(await named(a)).toEqual(both);
    await a.sync.sync();
    expect((await a.store.list()).map((m) => m.name).filter((name) => name.startsWith('南坡')).sort()).toEqual(['南坡（安）', '南坡（波）']);

    // Keep mine: B's version is written after A's, and A's stays in the history with who wrote it.
    await a.store.patch(made.id, { color: '#2f9e44' });
    await a.sync.sync();
    await b.store.patch(there.id, { color: '#e03131' });
    await b.sync.sync();
    expect(b.sync.getState().conflicts.map((c) => [c.mine.color, c.theirs.color])).toEqual([['#e03131', '#2f9e44']]);
    await b.sync.resolve(there.id, 'mine');
    await a.sync.sync();
    expect(await a.store.get(made.id)).toMatchObject({ color: '#e03131', team: { owner: 'ann', updatedBy: 'bo' } });
    const history = await a.sync.history(made.id);
    expect(history.map((v) => [v.author, v.data.name, v.data.color]).slice(-2)).toEqual([
      ['ann', '南坡（安）', '#2f9e44'],
      ['bo', '南坡（安）', '#e03131'],
    ]);
  });

  it('two tabs of one browser send a write once and both show what the server has', async () => {
    const browser = cookieFetch();
    const api = new ServerApi(browser, base);
    await api.signIn('bo', PASSWORD);
    const backing = memoryBacking<Measurement, MeasurementDraft>();
    const links = new Map<string, SyncLink>();
    // One lock for the browser, as navigator.locks gives: a second drain waits for the first.
    const exclusive = browserLock();
    const tab = async () => {
      const sync = new SyncController({ api, openLinks: () => Promise.resolve(memoryLinks(links)), exclusive, later: () => () => undefined });
      const store = sync.attach(createMemoryStore<Measurement, MeasurementDraft>(backing));
      await sync.start('bo');
      return { sync, store };
    };
    const [one, two] = await Promise.all([tab(), tab()]);
    const before = (await api.list<ServerMeasurement>(MEASUREMENTS_PATH)).length;
    await one.store.create(measurement('两个标签页', square(113.3, 36.4)));
    // Both tabs are asked to sync (the write, and the other tab hearing of it) at the same time.
    await Promise.all([one.sync.sync(), two.sync.sync()]);
    const listed = await api.list<ServerMeasurement>(MEASUREMENTS_PATH);
    expect(listed.length - before).toBe(1);
    expect(listed.filter((s) => s.properties?.name === '两个标签页')).toHaveLength(1);
    expect(one.sync.getState().pending.size + two.sync.getState().pending.size).toBe(0);
  });
});

describe('SyncController where the browser cannot keep its links', () => {
  it('says so instead of syncing silently nothing', async () => {
    const api = new ServerApi(cookieFetch(), 'http://127.0.0.1:9');
    const sync = new SyncController({ api, openLinks: () => Promise.reject(new Error('no IndexedDB')), later: () => () => undefined });
    await sync.start('ann');
    expect(sync.getState()).toMatchObject({ status: 'unavailable', user: 'ann' });
  });
});
