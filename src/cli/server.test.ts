import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database.ts';
import { checkPassword } from '../server/services/users.ts';

const BIN = resolve(import.meta.dirname, '../../bin/shanshui.mjs');
const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the real `shanshui` process with stdin text and extra environment. */
function shanshui(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
    if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'shanshui-server-cli-'));

describe('shanshui user / publish / db on the embedded database', () => {
  const data = join(tmp(), 'data');

  it('adds users (password from stdin), publishes a static pack copy, backs up and restores into an empty folder only', async () => {
    const add = await shanshui(['user', 'add', 'ana', '--role', 'editor', '--data', data], { stdin: 'password-of-ana\n' });
    expect(add.stderr).not.toMatch(/内部错误|internal error/);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/added ana \(editor\)/);
    expect(add.stdout).not.toMatch(/token=/);

    const noRegion = await shanshui(['user', 'add', 'cty', '--role', 'county-editor', '--data', data]);
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toMatch(/^shanshui: 县级编辑需要至少一个区县代码.* \/ a county editor needs at least one region/);
    const link = await shanshui(['user', 'add', 'cty', '--role', 'county-editor', '--region', '140423', '--data', data]);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/\/api\/session\/link\?token=[A-Za-z0-9_-]{43}/);

    const out = tmp();
    const publish = await shanshui(['publish', 'changzhi', '--out', out, '--new', '--as', 'ana', '--data', data]);
    expect(publish.stderr).not.toMatch(/internal error/);
    expect(publish.code).toBe(0);
    expect(publish.stdout).toMatch(/changzhi@1/);
    const manifest = JSON.parse(readFileSync(join(out, 'pack.json'), 'utf8')) as { layers: { file: string }[] };
    for (const layer of manifest.layers) {
      expect(readFileSync(join(out, layer.file), 'utf8')).toBe(readFileSync(join(ROOT, 'data', 'changzhi', layer.file), 'utf8'));
    }
    expect((await shanshui(['publish', '../etc', '--out', out, '--data', data])).code).toBe(2);

    const backup = join(tmp(), 'backup.tar.gz');
    expect((await shanshui(['db', 'backup', backup, '--data', data])).code).toBe(0);
    expect(existsSync(`${backup}.partial`)).toBe(false);
    const restored = join(tmp(), 'restored');
    const restore = await shanshui(['db', 'restore', backup, '--data', restored]);
    expect(restore.code).toBe(0);
    const again = await shanshui(['db', 'restore', backup, '--data', restored]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/恢复不会覆盖现有数据/);

    const database = await openDatabase({ dataDir: restored });
    try {
      expect(await checkPassword(database.db, 'ana', 'password-of-ana')).toMatchObject({ username: 'ana', role: 'editor' });
      expect(await checkPassword(database.db, 'ana', 'wrong')).toBeNull();
    } finally {
      await database.close();
    }
  }, 240_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('shanshui user / db on PostgreSQL (DATABASE_URL)', () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const names = [`shanshui_c_${randomBytes(5).toString('hex')}`, `shanshui_c_${randomBytes(5).toString('hex')}`];
  const urlOf = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  const adminQuery = async (text: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    for (const name of names) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('migrates, adds a user, backs up with pg_dump and restores into an empty database only', async () => {
    for (const name of names) await adminQuery(`CREATE DATABASE ${name}`);
    const env = { DATABASE_URL: urlOf(names[0]) };
    const migrate = await shanshui(['db', 'migrate'], { env });
    expect(migrate.stderr).toBe('');
    expect(migrate.stdout).toMatch(/postgresql/);
    expect((await shanshui(['user', 'add', 'bo', '--role', 'viewer'], { env, stdin: 'password-of-bo\n' })).code).toBe(0);
    const file = join(tmp(), 'pg.dump');
    const backup = await shanshui(['db', 'backup', file], { env });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect((await shanshui(['db', 'restore', file], { env })).code).toBe(2);
    const restore = await shanshui(['db', 'restore', file], { env: { DATABASE_URL: urlOf(names[1]) } });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const database = await openDatabase({ url: urlOf(names[1]) });
    try {
      expect(await checkPassword(database.db, 'bo', 'password-of-bo')).toMatchObject({ username: 'bo', role: 'viewer' });
    } finally {
      await database.close();
    }
  }, 120_000);
});
