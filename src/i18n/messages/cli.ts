// The command line's help and usage texts. Synopses and option names are code, not text: they live
// in src/cli/*.ts beside the parser that reads them; what they mean lives here. src/cli/helpText.ts
// prints each help in both languages, Chinese first.
export const zh = {
  'cli.help.title': 'shanshui — 山水 · 生态分区图命令行',
  'cli.help.usage': '用法',
  'cli.help.commands': '命令',
  'cli.help.commandHelp': '某个命令的详细说明',
  'cli.help.seeCommand': '见 {command}',
  'cli.help.server': '服务器命令',

  'cli.help.area.summary': '每个面要素的椭球面积（WGS84/CGCS2000，测地线边），按输入顺序；\n点和线没有面积，略过并在 stderr 上计数。',
  'cli.help.json': '以 JSON 输出：',
  'cli.help.area.nameKey': '名称属性（默认 name）',
  'cli.help.area.note': '示意图形（precision: schematic）的面积是估算，表中以 ≈ 和三位有效数字标出。',
  'cli.help.repair': '无效面（自相交、洞在外环外、部分重叠……）按其有效修复计算（同 PostGIS\nST_MakeValid / QGIS“修复几何”），每处修复在 stderr 上说明；不加此项则拒绝无效面。',

  'cli.help.stats.summary': '每个区域（县）每类分区的覆盖面积（同类重叠只计一次）、占区域的比例、\n线要素长度与点要素个数。',
  'cli.help.stats.regions': '区域面要素（GeoJSON）',
  'cli.help.stats.zones': '分区要素（面、线、点）；可重复',
  'cli.help.stats.regionKey': '区域名称属性（默认 name）',
  'cli.help.stats.kindKey': '分区类别属性（默认 kind；没有此属性的要素取其文件名，\n如 springs.geojson → springs）',
  'cli.help.stats.note': '含示意图形（precision: schematic）的类别是估算，表中以 ≈ 标出。',

  'cli.help.import.summary':
    '把 GeoJSON、KML/KMZ、GPX、Shapefile（.zip，或 .shp 与同目录的 .dbf/.prj/.cpg）、CSV 和 Excel\n（经度/纬度、lon/lat、x/y 或 WKT 列）、界址点坐标文件（.txt）和 DXF 转换为一个 WGS84 GeoJSON\nFeatureCollection，写到标准输出。',
  'cli.help.import.fromCrs': '文件未声明坐标系时的源坐标系：EPSG:4547、EPSG:4526、EPSG:3857、\ngcj02（高德/腾讯经纬度）、EPSG:4326，或 proj4 定义',
  'cli.help.import.ignorePrj': '即使 .prj 或 crs 成员声明了坐标系，也使用 --from-crs',
  'cli.help.import.layer': '只输出这个图层（一个 zip 可能包含多个）',
  'cli.help.import.region': '用于给坐标系猜测排序的范围（默认：长治）',
  'cli.help.import.textDescriptions': '把 "description" 属性中的 HTML 换成纯文本',
  'cli.help.import.lang': '消息语言（默认两种都显示，中文在前）',
  'cli.help.help': '显示本说明',
  'cli.help.import.batch': '多个文件逐个导入：失败的文件单独一行报告，其余文件照常写出（退出码 2）。',
  'cli.help.import.exitCodes': '退出码：0 已转换，2 输入有误或需确认坐标系，1 内部错误',

  'cli.help.serve.summary': '在一个端口上运行应用和服务器。',
  'cli.help.serve.port': '端口（默认 8080）',
  'cli.help.serve.host': '监听地址（默认 127.0.0.1；办公网络用 0.0.0.0）',
  'cli.help.data': '内置数据库的数据文件夹（默认 ./.shanshui/）',
  'cli.help.serve.dev': '用 Vite 开发中间件提供应用（无需构建）',
  'cli.help.serve.databaseUrl': '设置时使用 PostgreSQL + PostGIS，而不是数据文件夹',

  'cli.help.user.summary': '添加用户；密码从标准输入读取，否则打印一次性登录链接。',
  'cli.help.user.role': '角色',
  'cli.help.user.region': '县级编辑负责的区县代码（可重复），如 140423',

  'cli.help.db.summary': '升级、备份或恢复服务器数据库。',
  'cli.help.db.migrate': '把数据库升级到最新结构',
  'cli.help.db.backup': '备份（内置：数据文件夹 tar.gz；PostgreSQL：pg_dump 格式）',
  'cli.help.db.restore': '恢复到空的数据文件夹或空数据库（从不覆盖）',
  'cli.help.db.databaseUrl': '设置时作用于 PostgreSQL，而不是数据文件夹',

  'cli.help.publish.summary': '把已发布的数据包版本写成静态文件，供任何 Web 服务器或 CDN 使用。',
  'cli.help.publish.out': '输出文件夹',
  'cli.help.publish.version': '该版本（默认最新）',
  'cli.help.publish.new': '先以用户 U（编辑或管理员）发布新版本',

  'cli.usage.wrong': '用法：{synopsis}',
  'cli.usage.needsValue': '{option} 需要一个值',
  'cli.usage.region': '--region 格式为 W,S,E,N（度）',
  'cli.usage.lang': '--lang 只能是 zh 或 en',
  'cli.usage.stdin': '不能从标准输入读取，请给出文件路径',
  'cli.usage.unknownOption': '未知选项 {option}',
  'cli.usage.noInput': '缺少输入文件',
  'cli.usage.noSuchFile': '文件不存在',
  'cli.usage.notRegularFile': '不是普通文件（可能是目录、设备或管道）',
};

export const en = {
  'cli.help.title': 'shanshui — 山水 · ecological zone map, command line',
  'cli.help.usage': 'Usage',
  'cli.help.commands': 'Commands',
  'cli.help.commandHelp': 'details of a command',
  'cli.help.seeCommand': 'see {command}',
  'cli.help.server': 'server commands',

  'cli.help.area.summary': 'Ellipsoidal area (WGS84/CGCS2000, geodesic edges) of every polygon feature, in input order;\npoints and lines are left out and counted on stderr.',
  'cli.help.json': 'write JSON:',
  'cli.help.area.nameKey': 'property holding the name (default: name)',
  'cli.help.area.note': 'Areas of schematic shapes (precision: schematic) are estimates: ≈ and three significant digits.',
  'cli.help.repair': 'Measure the valid repair of invalid polygons (as PostGIS ST_MakeValid / QGIS\n"Fix geometries"), saying on stderr what was repaired; without it they are refused.',

  'cli.help.stats.summary': 'Per region (county) and zone kind: area covered (overlaps of one kind counted once), share of\nthe region, length of line features and count of point features inside.',
  'cli.help.stats.regions': 'region polygons (GeoJSON)',
  'cli.help.stats.zones': 'zone features (polygons, lines, points); may be repeated',
  'cli.help.stats.regionKey': 'region name property (default: name)',
  'cli.help.stats.kindKey': 'zone kind property (default: kind; a feature without it takes\nits file\'s name, e.g. springs.geojson → springs)',
  'cli.help.stats.note': 'Kinds with schematic shapes (precision: schematic) are estimates, marked ≈ in the table.',

  'cli.help.import.summary':
    'Converts GeoJSON, KML/KMZ, GPX, Shapefile (.zip or .shp with .dbf/.prj/.cpg beside it), CSV and\nExcel .xlsx (经度/纬度, lon/lat, x/y or WKT columns), land-survey coordinate files (界址点 .txt)\nand DXF to one WGS84 GeoJSON FeatureCollection on stdout.',
  'cli.help.import.fromCrs': 'source CRS where the file declares none: EPSG:4547, EPSG:4526, EPSG:3857,\ngcj02 (Gaode/Tencent lon/lat), EPSG:4326, or a proj4 string',
  'cli.help.import.ignorePrj': 'apply --from-crs even where a .prj/crs member declares a CRS',
  'cli.help.import.layer': 'output only this layer (a zip may hold several)',
  'cli.help.import.region': 'area used to rank CRS guesses (default: Changzhi)',
  'cli.help.import.textDescriptions': 'replace HTML in "description" properties by plain text',
  'cli.help.import.lang': 'message language (default: both, Chinese first)',
  'cli.help.help': 'show this help',
  'cli.help.import.batch': 'Several files import one by one: a file that fails is reported on its own line and the others\nare still written (exit code 2).',
  'cli.help.import.exitCodes': 'Exit codes: 0 converted, 2 bad input or CRS to confirm, 1 internal error',

  'cli.help.serve.summary': 'Runs the app and the server on one port.',
  'cli.help.serve.port': 'port (default 8080)',
  'cli.help.serve.host': 'listen address (default 127.0.0.1; 0.0.0.0 for the office network)',
  'cli.help.data': 'data folder of the embedded database (default ./.shanshui/)',
  'cli.help.serve.dev': 'serve the app through Vite\'s dev middleware (no build)',
  'cli.help.serve.databaseUrl': 'when set, PostgreSQL + PostGIS instead of the data folder',

  'cli.help.user.summary': 'Adds a user; the password is read from stdin, else a one-time sign-in link is printed.',
  'cli.help.user.role': 'role',
  'cli.help.user.region': 'a county editor\'s county code (repeatable), e.g. 140423',

  'cli.help.db.summary': 'Migrates, backs up or restores the server database.',
  'cli.help.db.migrate': 'brings the database to the newest schema',
  'cli.help.db.backup': 'backup (embedded: data-folder tar.gz; PostgreSQL: pg_dump custom format)',
  'cli.help.db.restore': 'restore into an empty data folder or database (never overwrites)',
  'cli.help.db.databaseUrl': 'when set, acts on PostgreSQL instead of the data folder',

  'cli.help.publish.summary': 'Writes a published pack version as static files for any web server or CDN.',
  'cli.help.publish.out': 'output folder',
  'cli.help.publish.version': 'that version (default: the newest)',
  'cli.help.publish.new': 'first publish a new version as user U (an editor or admin)',

  'cli.usage.wrong': 'usage: {synopsis}',
  'cli.usage.needsValue': '{option} needs a value',
  'cli.usage.region': '--region needs W,S,E,N in degrees',
  'cli.usage.lang': '--lang is zh or en',
  'cli.usage.stdin': 'cannot read standard input; give a file path',
  'cli.usage.unknownOption': 'unknown option {option}',
  'cli.usage.noInput': 'no input FILE given (see shanshui import --help)',
  'cli.usage.noSuchFile': 'no such file',
  'cli.usage.notRegularFile': 'not a regular file (a folder, device or pipe)',
};
