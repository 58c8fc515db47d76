import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.ts';

// Every command's help, printed by the real `shanshui` process: the texts come from src/i18n, so a
// missing or mistyped key would show as the key itself or as an empty line.
const COMMANDS: Record<string, { options: string[]; zh: string; en: string }> = {
  area: { options: ['--json', '--name-key', '--repair'], zh: '每个面要素的椭球面积', en: 'Ellipsoidal area' },
  stats: { options: ['--regions', '--zones', '--region-key', '--kind-key', '--json', '--repair'], zh: '每类分区的覆盖面积', en: 'Per region (county) and zone kind' },
  import: { options: ['--from-crs', '--ignore-prj', '--layer', '--region', '--text-descriptions', '--lang'], zh: '转换为一个 WGS84 GeoJSON', en: 'Converts GeoJSON' },
  serve: { options: ['--port', '--host', '--data', '--dev', 'DATABASE_URL'], zh: '在一个端口上运行应用和服务器', en: 'Runs the app and the server on one port' },
  user: { options: ['--role', '--region', '--data'], zh: '密码从标准输入读取', en: 'the password is read from stdin' },
  db: { options: ['migrate', 'backup FILE', 'restore FILE', '--data', 'DATABASE_URL'], zh: '把数据库升级到最新结构', en: 'brings the database to the newest schema' },
  publish: { options: ['--out', '--version', '--new --as', '--data'], zh: '写成静态文件', en: 'as static files for any web server' },
};

const HAN = /\p{Script=Han}/u;

describe('shanshui help', () => {
  it('shanshui --help names every command and explains the two that compute, Chinese first', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    const lines = help.stdout.split('\n');
    expect(lines[0]).toBe('shanshui — 山水 · 生态分区图命令行');
    expect(lines[1]).toBe('shanshui — 山水 · ecological zone map, command line');
    for (const command of Object.keys(COMMANDS)) expect(lines, command).toContainEqual(expect.stringMatching(new RegExp(`^  shanshui ${command} `)));
    expect(help.stdout).toContain('shanshui COMMAND --help   某个命令的详细说明 / details of a command');
    expect(help.stdout.indexOf(COMMANDS.area.zh)).toBeGreaterThan(0);
    expect(help.stdout.indexOf(COMMANDS.area.zh)).toBeLessThan(help.stdout.indexOf(COMMANDS.area.en));
    expect(help.stdout.indexOf(COMMANDS.stats.zh)).toBeLessThan(help.stdout.indexOf(COMMANDS.stats.en));
    expect(help.stdout).not.toMatch(/cli\.(help|usage)\./);
  }, 60_000);

  it.each(Object.entries(COMMANDS))('shanshui %s --help explains every option in Chinese and English', async (command, expected) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    const lines = help.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^用法 Usage: shanshui ${command} `));
    expect(help.stdout).not.toMatch(/cli\.(help|usage)\./);
    expect(help.stdout.indexOf(expected.zh)).toBeGreaterThan(0);
    expect(help.stdout.indexOf(expected.zh)).toBeLessThan(help.stdout.indexOf(expected.en));
    for (const option of expected.options) {
      // The option's own line says in Chinese what it does; a line below says it in English.
      const at = lines.findIndex((line) => line.startsWith(`  ${option}`));
      expect(at, `${command} ${option}`).toBeGreaterThan(0);
      const end = lines.findIndex((line, i) => i > at && (line === '' || /^ {2}\S/.test(line)));
      const block = lines.slice(at, end < 0 ? undefined : end);
      expect(block[0], `${command} ${option}`).toMatch(HAN);
      expect(block.slice(1).some((line) => /^\s+[A-Za-z]/.test(line)), `${command} ${option}`).toBe(true);
    }
  }, 60_000);

  it('shanshui import --help --lang prints one language', async () => {
    const en = await runCli(['import', '--help', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Usage: shanshui import FILE…/);
    expect(en.stdout).toContain(COMMANDS.import.en);
    expect(en.stdout).not.toContain(COMMANDS.import.zh);
    const zh = await runCli(['import', '--help', '--lang=zh']);
    expect(zh.stdout).toMatch(/^用法: shanshui import FILE…/);
    expect(zh.stdout).toContain(COMMANDS.import.zh);
    expect(zh.stdout).not.toContain(COMMANDS.import.en);
  }, 60_000);

  it('a command used wrongly answers with its usage line in both languages', async () => {
    const user = await runCli(['user', 'remove', 'li']);
    expect(user.code).toBe(2);
    expect(user.stderr.trimEnd().split('\n')).toEqual([
      'shanshui: 用法：shanshui user add NAME --role admin|editor|county-editor|viewer [--region CODE …] [--data DIR] / usage: shanshui user add NAME --role admin|editor|county-editor|viewer [--region CODE …] [--data DIR]',
    ]);
    const importRegion = await runCli(['import', '--region', '1,2,3', 'x.kml']);
    expect(importRegion.code).toBe(2);
    expect(importRegion.stderr).toBe('shanshui: --region 格式为 W,S,E,N（度） / --region needs W,S,E,N in degrees (shanshui import --help)\n');
  }, 60_000);
});
