/**
 * The embedded database's data folder fills up or turns read-only under a running server (a real
 * tmpfs mount, real PGlite, no mocks): writes are refused with one clear line (507 / 503) and never
 * acknowledged unless kept, reads go on, and after a restart with the folder healthy again every
 * acknowledged write is there and nothing refused is. A folder that turns read-only while the
 * server runs is met on ext4 in a loop device (errors=remount-ro, the kernel's trigger_fs_error).
 * Needs root (mount); skipped otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.ts';
import { openDatabase, type ServerDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedRegions } from './db/seedRegions.ts';
import { addUser } from './services/users.ts';
import { PACKS_DIR } from './testing/testServer.ts';

const mountPoint = mkdtempSync(join(tmpdir(), 'shanshui-fault-'));
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dataDir = join(mountPoint, 'data');
const filler = join(mountPoint, 'filler');
const password = 'a long test password 0123';

interface Running {
  database: ServerDatabase;
  app: FastifyInstance;
  cookie: string;
}

async function start(first: boolean, folder = dataDir): Promise<Running> {
  const database = await openDatabase({ dataDir: folder });
  await migrateToLatest(database.db);
  if (first) {
    await seedRegions(database.db, PACKS_DIR, 'changzhi');
    await addUser(database.db, { username: 'writer', role: 'editor', password });
  }
  const app = await buildServer({ database, packsDir: PACKS_DIR });
  await app.ready();
  const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'writer', password } });
  if (signIn.statusCode !== 200) throw new Error(signIn.body);
  return { database, app, cookie: `shanshui_session=${signIn.cookies.find((c) => c.name === 'shanshui_session')!.value}` };
}

async function stop(server: Running): Promise<void> {
  await server.app.close();
  await server.database.close();
}

let n = 0;
/** A measurement with a long note, so that a full disk is reached within a few hundred writes. */
const write = (server: Running) =>
  server.app.inject({
    method: 'POST',
    url: '/api/measurements',
    headers: { cookie: server.cookie },
    payload: {
      type: 'Feature',
      properties: { name: `m${n++}`, note: 'x'.repeat(20_000) },
      geometry: { type: 'Polygon', coordinates: [[[113, 36.5], [113.001, 36.5], [113.001, 36.501], [113, 36.5]]] },
    },
  });

const listIds = async (server: Running) => {
  const response = await server.app.inject({ url: '/api/measurements', headers: { cookie: server.cookie } });
  expect(response.statusCode).toBe(200);
  return (response.json<{ id: string }[]>()).map((m) => m.id).sort();
};

describe.skipIf(!canMount)('a full or read-only data folder (PGlite on a tmpfs)', () => {
  let server: Running;
  const acknowledged: string[] = [];
  beforeAll(async () => {
    server = await start(true);
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server).catch(() => {});
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('refuses writes with 507 and one clear line when the folder is full, keeps reading, loses nothing on restart', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await write(server);
      expect(r.statusCode).toBe(201);
      acknowledged.push(r.json<{ id: string }>().id);
    }
    // Fill what is left of the folder (dd stops at "No space left on device").
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M'], { stdio: 'ignore' });
    } catch {
      // expected: the disk is full
    }
    const refused: string[] = [];
    for (let i = 0; i < 400 && refused.length < 5; i++) {
      const r = await write(server);
      if (r.statusCode === 201) acknowledged.push(r.json<{ id: string }>().id);
      else {
        expect(r.statusCode).toBe(507);
        refused.push(r.json<{ message: string }>().message);
      }
    }
    expect(refused.length).toBe(5);
    expect(refused[0]).toMatch(/^数据目录已满.* \/ the data folder is full/);
    expect(refused[0]).not.toContain('\n');
    // Reads go on while full.
    expect(await listIds(server)).toEqual([...acknowledged].sort());
    expect((await server.app.inject({ url: '/api/health' })).statusCode).toBe(200);

    await stop(server);
    rmSync(filler);
    server = await start(false);
    expect(await listIds(server)).toEqual([...acknowledged].sort());
    const after = await write(server);
    expect(after.statusCode).toBe(201);
    acknowledged.push(after.json<{ id: string }>().id);
  }, 180_000);

  // A tmpfs will not turn read-only while PGlite holds its files open for writing (and writes
  // through already open files would still be kept), so the read-only case is met at a (re)start.
  it('refuses to start on a read-only folder with one clear line, and starts with everything once writable', async () => {
    await stop(server);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      const error = await start(false).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/^数据目录只读.* \/ the data folder is read-only/);
      expect(error?.message).not.toContain('\n');
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    server = await start(false);
    expect(await listIds(server)).toEqual([...acknowledged].sort());
  }, 180_000);
});

/** ext4 in a loop device, mounted so that a file-system error turns it read-only (as a failing disk does). */
const ext4Point = mkdtempSync(join(tmpdir(), 'shanshui-ext4-'));
const ext4Image = `${ext4Point}.img`;
const ext4Error = (() => {
  if (process.getuid?.() !== 0) return null;
  try {
    execFileSync('truncate', ['-s', '256M', ext4Image]);
    execFileSync('mkfs.ext4', ['-q', '-F', ext4Image], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'loop,errors=remount-ro', ext4Image, ext4Point], { stdio: 'ignore' });
    const device = execFileSync('findmnt', ['-n', '-o', 'SOURCE', ext4Point], { encoding: 'utf8' }).trim();
    const trigger = `/sys/fs/ext4/${device.split('/').pop()}/trigger_fs_error`;
    if (existsSync(trigger)) return trigger;
    execFileSync('umount', [ext4Point]);
    return null;
  } catch {
    return null;
  }
})();

describe.skipIf(!ext4Error)('a data folder that turns read-only while the server runs (PGlite on ext4, errors=remount-ro)', () => {
  let server: Running | undefined;
  afterAll(async () => {
    // PGlite cannot close cleanly on a read-only folder (it would write): its process-local state is dropped with the mount.
    await Promise.race([server?.app.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    execFileSync('umount', ['-l', ext4Point]);
    rmSync(ext4Image, { force: true });
    rmSync(ext4Point, { recursive: true, force: true });
  });

  it('refuses writes with 503 and one clear line instead of hanging; reads are refused as clearly or answered right', async () => {
    server = await start(true, join(ext4Point, 'data'));
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await write(server);
      expect(r.statusCode).toBe(201);
      acknowledged.push(r.json<{ id: string }>().id);
    }
    writeFileSync(ext4Error!, 'shanshui test: the disk fails');
    // The kernel now refuses every write to the mount (newer kernels say "emergency_ro", not "ro").
    expect(() => writeFileSync(join(ext4Point, 'probe'), 'x')).toThrow(/EROFS/);
    for (let i = 0; i < 3; i++) {
      const r = await write(server);
      expect(r.statusCode).toBe(503);
      expect(r.json<{ message: string }>().message).toMatch(/^数据目录只读.* \/ the data folder is read-only/);
    }
    // PGlite writes its files back after every statement, reads too: they are refused as clearly
    // (never a hang, never a wrong list), and the server keeps answering.
    for (let i = 0; i < 3; i++) {
      const read = await server.app.inject({ url: '/api/measurements', headers: { cookie: server.cookie } });
      if (read.statusCode === 200) expect(read.json<{ id: string }[]>().map((m) => m.id).sort()).toEqual([...acknowledged].sort());
      else expect(read.json<{ error: string }>().error).toBe('storage_read_only');
    }
    expect((await write(server)).statusCode).toBe(503);
  }, 180_000);
});
