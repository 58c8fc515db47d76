import type { CommandHelp } from './helpText.ts';

// Every command's help in one place, so `shanshui --help` can list them all without loading the
// commands themselves (import pulls in the file converters, serve the server).
const REPAIR = ['--repair', 'cli.help.repair'] as const;
const DATA = ['--data DIR', 'cli.help.data'] as const;

export const AREA_HELP: CommandHelp = {
  synopsis: 'shanshui area FILE [--json] [--name-key name] [--repair]',
  summary: 'cli.help.area.summary',
  options: [['--json', 'cli.help.json', '[{"index","name","area_m2","area_mu","estimate"}, …]'], ['--name-key KEY', 'cli.help.area.nameKey'], REPAIR],
  notes: ['cli.help.area.note'],
};

export const STATS_HELP: CommandHelp = {
  synopsis: 'shanshui stats --regions FILE --zones FILE [--zones FILE …] [--region-key name] [--kind-key kind] [--json] [--repair]',
  summary: 'cli.help.stats.summary',
  options: [
    ['--regions FILE', 'cli.help.stats.regions'],
    ['--zones FILE', 'cli.help.stats.zones'],
    ['--region-key KEY', 'cli.help.stats.regionKey'],
    ['--kind-key KEY', 'cli.help.stats.kindKey'],
    REPAIR,
    ['--json', 'cli.help.json', '{"regions":[{"name","area_m2","zones":{"<kind>":{"area_m2","share","length_m","count"}}}],\n "estimates":["<kind>", …]}'],
  ],
  notes: ['cli.help.stats.note'],
};

export const IMPORT_HELP: CommandHelp = {
  synopsis: 'shanshui import FILE… [options] > out.geojson',
  summary: 'cli.help.import.summary',
  options: [
    ['--from-crs CRS', 'cli.help.import.fromCrs'],
    ['--ignore-prj', 'cli.help.import.ignorePrj'],
    ['--layer NAME', 'cli.help.import.layer'],
    ['--region W,S,E,N', 'cli.help.import.region'],
    ['--text-descriptions', 'cli.help.import.textDescriptions'],
    ['--lang zh|en', 'cli.help.import.lang'],
    ['-h, --help', 'cli.help.help'],
  ],
  notes: ['cli.help.import.batch', 'cli.help.import.exitCodes'],
};

export const SERVE_HELP: CommandHelp = {
  synopsis: 'shanshui serve [--port N] [--host ADDR] [--data DIR] [--dev]',
  summary: 'cli.help.serve.summary',
  options: [
    ['--port N', 'cli.help.serve.port'],
    ['--host ADDR', 'cli.help.serve.host'],
    DATA,
    ['--dev', 'cli.help.serve.dev'],
    ['DATABASE_URL', 'cli.help.serve.databaseUrl'],
  ],
};

export const USER_HELP: CommandHelp = {
  synopsis: 'shanshui user add NAME --role admin|editor|county-editor|viewer [--region CODE …] [--data DIR]',
  summary: 'cli.help.user.summary',
  options: [['--role ROLE', 'cli.help.user.role'], ['--region CODE', 'cli.help.user.region'], DATA],
};

export const DB_HELP: CommandHelp = {
  synopsis: 'shanshui db migrate|backup FILE|restore FILE [--data DIR]',
  summary: 'cli.help.db.summary',
  options: [
    ['migrate', 'cli.help.db.migrate'],
    ['backup FILE', 'cli.help.db.backup'],
    ['restore FILE', 'cli.help.db.restore'],
    DATA,
    ['DATABASE_URL', 'cli.help.db.databaseUrl'],
  ],
};

export const PUBLISH_HELP: CommandHelp = {
  synopsis: 'shanshui publish PACK --out DIR [--version N | --new --as USER] [--data DIR]',
  summary: 'cli.help.publish.summary',
  options: [
    ['--out DIR', 'cli.help.publish.out'],
    ['--version N', 'cli.help.publish.version'],
    ['--new --as U', 'cli.help.publish.new'],
    DATA,
  ],
};

export const ALL_COMMAND_HELP = [AREA_HELP, STATS_HELP, IMPORT_HELP, SERVE_HELP, USER_HELP, DB_HELP, PUBLISH_HELP];
