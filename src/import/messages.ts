/**
 * Import messages in Chinese and English: what is wrong, then what to do. The UI shows them as
 * text (parameters come from files and are never markup). `context` changes only the advice: the
 * UI offers a coordinate-system dialog, the CLI a `--from-crs` option.
 */
import type { ImportMessage, ImportMessageCode } from './types.ts';

export type MessageLanguage = 'zh' | 'en';
export type MessageContext = 'ui' | 'cli';

type Params = Record<string, string | number>;
type Render = (p: Params, context: MessageContext) => string;

const s = (v: unknown, fallback = '?'): string => (v === undefined || v === null || v === '' ? fallback : String(v));

const chooseCrsZh = (c: MessageContext) => (c === 'cli' ? '用 --from-crs EPSG:编号 指定坐标系' : '请在对话框中选择坐标系');
const chooseCrsEn = (c: MessageContext) => (c === 'cli' ? 'pass the CRS with --from-crs EPSG:code' : 'choose the coordinate system in the dialog');

const reasonZh: Record<string, string> = {
  empty: '文件中没有任何要素',
  'all-invalid': '所有要素的几何都无效',
  'no-geometry': '要素都没有几何（坐标）',
  'csv-rows-unreadable': '各行的坐标都无法读取',
};
const reasonEn: Record<string, string> = {
  empty: 'the file contains no features',
  'all-invalid': 'every feature has an invalid geometry',
  'no-geometry': 'no feature has a geometry (coordinates)',
  'csv-rows-unreadable': 'no row has readable coordinates',
};

const recordProblemZh: Record<string, string> = {
  truncated: '文件在记录中途结束，可能未复制完整',
  'too-short': '记录太短',
  counts: '点数或部件数与记录长度不符',
  'part-order': '部件索引顺序错误',
  'too-many-parts': '部件过多',
  'unknown-type': '未知的几何类型',
};
const recordProblemEn: Record<string, string> = {
  truncated: 'the file ends inside the record, perhaps an incomplete copy',
  'too-short': 'record too short',
  counts: 'point or part count does not fit the record',
  'part-order': 'part indexes out of order',
  'too-many-parts': 'too many parts',
  'unknown-type': 'unknown shape type',
};

/**
 * The Chinese detail of a damage report, in brackets; library texts (fflate, xmldom, JSON.parse)
 * are English and stay out of Chinese messages — the English message carries them.
 */
const zhDetail = (p: Params) => (p.detailZh ? `（${s(p.detailZh)}）` : p.line ? `（第 ${s(p.line)} 行${p.column ? `第 ${s(p.column)} 列` : ''}）` : '');

const MESSAGES: Record<ImportMessageCode, { zh: Render; en: Render }> = {
  'no-files': { zh: () => '没有选择文件。请拖入或选择要导入的文件。', en: () => 'No file was given. Drop or choose the files to import.' },
  'file-empty': {
    zh: (p) => `文件 ${s(p.name, '')} 是空的。请检查导出是否完整后重新导入。`,
    en: (p) => `The file ${s(p.name, '')} is empty. Check that the export finished and import it again.`,
  },
  'file-too-large': {
    zh: (p) => `文件 ${s(p.name)} 有 ${s(p.sizeMB)} MB，超过 ${s(p.limitMB)} MB 的上限。请裁剪或拆分后再导入。`,
    en: (p) => `The file ${s(p.name)} is ${s(p.sizeMB)} MB, over the ${s(p.limitMB)} MB limit. Clip or split it, then import the parts.`,
  },
  'format-unknown': {
    zh: (p) => `无法识别文件 ${s(p.name)} 的格式。支持 GeoJSON、KML/KMZ、GPX、Shapefile（.zip 或 .shp+.dbf+.prj）和带经纬度的 CSV。`,
    en: (p) => `The format of ${s(p.name)} is not recognised. Supported: GeoJSON, KML/KMZ, GPX, Shapefile (.zip or .shp+.dbf+.prj) and CSV with coordinates.`,
  },
  'format-unsupported': {
    zh: (p) => `${s(p.name, '该文件')} 是 ${s(p.format)} 格式，不能直接导入。请在 GIS 软件中导出为 GeoJSON、Shapefile 或 KML 后再导入${/Excel/.test(s(p.format)) ? '（Excel 表格请另存为 CSV）' : ''}。`,
    en: (p) => `${s(p.name, 'The file')} is ${s(p.format)}, which cannot be imported directly. Export it as GeoJSON, Shapefile or KML from your GIS${/Excel/.test(s(p.format)) ? ' (save Excel sheets as CSV)' : ''}, then import that.`,
  },
  'import-timeout': {
    zh: (p) => `导入 ${s(p.name, '该文件')} 超过 ${s(p.seconds)} 秒仍未完成，已停止。文件可能已损坏或过于复杂；请检查文件或拆分后再导入。`,
    en: (p) => `Importing ${s(p.name, 'the file')} took more than ${s(p.seconds)} s and was stopped. The file may be damaged or too complex; check it or split it, then import again.`,
  },
  cancelled: { zh: () => '导入已取消，已打开的图层未受影响。', en: () => 'Import cancelled; the layers already open are unchanged.' },
  'internal-error': {
    zh: () => `导入时出现程序错误。已打开的图层未受影响；请把该文件反馈给维护者。`,
    en: (p) => `The importer hit a program error (${s(p.detail)}). Open layers are unchanged; please report the file to the maintainers.`,
  },
  'worker-crashed': {
    zh: () => '导入进程意外终止（可能内存不足）。已打开的图层未受影响；请拆分文件后重试。',
    en: () => 'The import process stopped unexpectedly (perhaps out of memory). Open layers are unchanged; split the file and try again.',
  },
  'zip-corrupt': {
    zh: (p) => `压缩包已损坏或不完整${zhDetail(p)}。请重新下载或重新压缩后再导入。`,
    en: (p) => `The zip archive is damaged or incomplete (${s(p.detail)}). Download or zip it again, then import.`,
  },
  'zip-encrypted': {
    zh: (p) => `压缩包中的 ${s(p.name)} 已加密。请解压后不加密重新压缩再导入。`,
    en: (p) => `${s(p.name)} in the zip is encrypted. Unzip it and zip it again without a password.`,
  },
  'zip-unsupported-method': {
    zh: (p) => `压缩包中的 ${s(p.name)} 使用了不支持的压缩方式（${s(p.method)}）。请用普通 zip（Deflate）重新压缩。`,
    en: (p) => `${s(p.name)} in the zip uses an unsupported compression method (${s(p.method)}). Re-zip it with standard Deflate.`,
  },
  'zip-too-large': {
    zh: (p) => `压缩包解压后超过 ${s(p.limitMB)} MB 的上限（可能是“压缩炸弹”）。请只压缩需要的图层后再导入。`,
    en: (p) => `The zip expands past the ${s(p.limitMB)} MB limit (possibly a zip bomb). Zip only the layers you need and import again.`,
  },
  'zip-too-many-entries': {
    zh: (p) => `压缩包中有 ${s(p.count)} 个文件，超过 ${s(p.limit)} 个的上限。请只压缩需要的图层。`,
    en: (p) => `The zip holds ${s(p.count)} files, over the limit of ${s(p.limit)}. Zip only the layers you need.`,
  },
  'zip-no-data': {
    zh: (p) => `压缩包 ${s(p.name)} 中没有可导入的数据（找到：${s(p.found)}）。Shapefile 需要 .shp、.dbf 和 .prj；KMZ 需要 .kml。`,
    en: (p) => `The zip ${s(p.name)} contains nothing importable (found: ${s(p.found)}). A shapefile needs .shp, .dbf and .prj; a KMZ needs a .kml.`,
  },
  'zip-nested-skipped': {
    zh: (p) => `压缩包中的 ${s(p.count)} 个嵌套压缩包未导入。如需导入，请先解压后单独导入。`,
    en: (p) => `${s(p.count)} archive(s) nested in the zip were not imported. Unzip them and import them separately if needed.`,
  },
  'json-invalid': {
    zh: (p) => `JSON 格式错误${p.line ? `（第 ${s(p.line)} 行第 ${s(p.column)} 列）` : ''}${p.detailZh ? `：${s(p.detailZh)}` : ''}。文件可能不完整或被编辑损坏；请重新导出。`,
    en: (p) => `The JSON is malformed${p.line ? ` (line ${s(p.line)}, column ${s(p.column)})` : ''}${p.detail ? `: ${s(p.detail)}` : ''}. The file may be truncated or damaged by editing; export it again.`,
  },
  'json-not-geojson': {
    zh: (p) => `这是 JSON 文件，但不是 GeoJSON（${s(p.found)}）。请导出为 GeoJSON（FeatureCollection）。`,
    en: (p) => `This is JSON but not GeoJSON (${s(p.found)}). Export it as a GeoJSON FeatureCollection.`,
  },
  'json-too-deep': {
    zh: (p) => `JSON 嵌套超过 ${s(p.limit)} 层，不是有效的 GeoJSON。请检查文件来源。`,
    en: (p) => `The JSON nests deeper than ${s(p.limit)} levels, which no valid GeoJSON does. Check where the file came from.`,
  },
  'xml-invalid': {
    zh: (p) => `XML 格式错误${zhDetail(p)}。文件可能不完整；请重新导出 KML/GPX。`,
    en: (p) => `The XML is malformed (${s(p.detail)}). The file may be truncated; export the KML/GPX again.`,
  },
  'xml-entities': {
    zh: () => '文件包含 DOCTYPE 实体声明，出于安全原因拒绝导入（可防止“十亿笑声”类攻击）。正常的 KML/GPX 不需要实体声明；请重新导出。',
    en: () => 'The file declares DOCTYPE entities and was refused for safety (billion-laughs protection). Normal KML/GPX never needs them; export the file again.',
  },
  'xml-too-deep': {
    zh: (p) => `XML 元素嵌套超过 ${s(p.limit)} 层，拒绝导入。请检查文件或简化文件夹结构。`,
    en: (p) => `XML elements nest deeper than ${s(p.limit)} levels; refused. Check the file or flatten its folders.`,
  },
  'xml-too-large': {
    zh: (p) => `KML/GPX 文本有 ${s(p.sizeMB)} MB，超过 ${s(p.limitMB)} MB 的上限（XML 解析很占内存）。请在 GIS 软件中另存为 Shapefile 或 GeoJSON，或拆分后再导入。`,
    en: (p) => `The KML/GPX text is ${s(p.sizeMB)} MB, over the ${s(p.limitMB)} MB limit (XML parsing needs a lot of memory). Save it as Shapefile or GeoJSON in your GIS, or split it, then import.`,
  },
  'xml-not-kml-or-gpx': {
    zh: (p) => `这是 XML 文件（根元素 <${s(p.root)}>），但不是 KML 或 GPX。请导出为 KML、GPX 或 GeoJSON。`,
    en: (p) => `This XML file (root element <${s(p.root)}>) is neither KML nor GPX. Export it as KML, GPX or GeoJSON.`,
  },
  'kml-network-link-skipped': {
    zh: (p) => `${s(p.count)} 个网络链接（NetworkLink）指向文件外的数据，未导入（离线使用，不访问网络）。`,
    en: (p) => `${s(p.count)} NetworkLink(s) point outside the file and were not imported (the app works offline).`,
  },
  'kml-overlay-skipped': {
    zh: (p) => `${s(p.count)} 个图片叠加层（GroundOverlay）不是矢量要素，未导入。`,
    en: (p) => `${s(p.count)} image overlay(s) (GroundOverlay) are not vector features and were not imported.`,
  },
  'kml-overlays-only': {
    zh: (p) => `${s(p.name)} 只有 ${s(p.count)} 个图片叠加层（GroundOverlay），没有点、线、面要素；图片叠加层不能导入。请导入矢量数据（KML 中的地标、Shapefile 或 GeoJSON）。`,
    en: (p) => `${s(p.name)} holds only ${s(p.count)} image overlay(s) (GroundOverlay) and no points, lines or polygons; image overlays cannot be imported. Import vector data (KML placemarks, Shapefile or GeoJSON).`,
  },
  'shp-corrupt': {
    zh: (p) => `Shapefile 的 .shp 文件已损坏${zhDetail(p)}。请重新导出或重新复制全部文件。`,
    en: (p) => `The shapefile's .shp is damaged (${s(p.detail)}). Export or copy all its files again.`,
  },
  'shp-missing-part': {
    zh: (p) => `Shapefile ${s(p.name)} 缺少 ${s(p.part)} 文件。请同时选择 .shp、.dbf、.prj（和 .cpg），或把它们压缩成一个 .zip。`,
    en: (p) => `Shapefile ${s(p.name)} is missing its ${s(p.part)} file. Select .shp, .dbf, .prj (and .cpg) together, or zip them into one .zip.`,
  },
  'shp-unsupported-type': {
    zh: (p) => `不支持 ${s(p.type)} 类型的 Shapefile。请在 GIS 软件中转为面、线或点后再导入。`,
    en: (p) => `${s(p.type)} shapefiles are not supported. Convert to polygons, lines or points in your GIS first.`,
  },
  'shp-records-unreadable': {
    zh: (p) => `${s(p.count)} 条记录（第 ${s(p.records)} 条）的几何无法读取（${recordProblemZh[s(p.problem)] ?? s(p.problem)}），已保留属性但不显示在地图上；其余记录已导入。`,
    en: (p) => `The geometry of ${s(p.count)} record(s) (no. ${s(p.records)}) could not be read (${recordProblemEn[s(p.problem)] ?? s(p.problem)}); their attributes are kept but not drawn, the other records were imported.`,
  },
  'shp-no-dbf': {
    zh: (p) => `Shapefile ${s(p.name)} 没有 .dbf 属性表，只导入了几何。需要属性时请一并提供 .dbf。`,
    en: (p) => `Shapefile ${s(p.name)} has no .dbf, so only geometry was imported. Include the .dbf to get attributes.`,
  },
  'dbf-corrupt': {
    zh: (p) => `Shapefile 的 .dbf 属性表已损坏${zhDetail(p)}。请重新导出或重新复制。`,
    en: (p) => `The shapefile's .dbf attribute table is damaged (${s(p.detail)}). Export or copy it again.`,
  },
  'dbf-count-mismatch': {
    zh: (p) => `几何数（${s(p.shp)}）与属性记录数（${s(p.dbf)}）不一致，缺失的属性为空。请确认 .shp 和 .dbf 来自同一次导出。`,
    en: (p) => `The shapefile has ${s(p.shp)} geometries but ${s(p.dbf)} attribute records; missing attributes are left empty. Check that .shp and .dbf come from the same export.`,
  },
  'encoding-guessed': {
    zh: (p) => `文件未声明编码且不是 UTF-8，已按 ${s(p.encoding)} 读取中文。如果文字显示为乱码，请提供 .cpg 文件或另存为 UTF-8。`,
    en: (p) => `The file declares no encoding and is not UTF-8, so it was read as ${s(p.encoding)}. If text looks garbled, add a .cpg file or save as UTF-8.`,
  },
  'csv-no-header': {
    zh: () => 'CSV 第一行不是表头。请在第一行加上列名，例如“名称,经度,纬度”。',
    en: () => 'The CSV has no header row. Add column names in the first row, e.g. "name,lon,lat".',
  },
  'csv-no-coordinates': {
    zh: (p) => `CSV 中找不到坐标列（现有列：${s(p.columns)}）。请把列名改为“经度”和“纬度”（或 lon/lat、x/y），或提供 WKT 列。`,
    en: (p) => `No coordinate columns found in the CSV (columns: ${s(p.columns)}). Name them 经度/纬度, lon/lat or x/y, or provide a WKT column.`,
  },
  'rows-skipped': {
    zh: (p) => `${s(p.count)} 行无法读取坐标，已跳过（第一处在第 ${s(p.firstRow)} 行）。请检查这些行的数值。`,
    en: (p) => `${s(p.count)} row(s) without readable coordinates were skipped (first at row ${s(p.firstRow)}). Check their values.`,
  },
  'csv-wkt-curves': {
    zh: (p) => `${p.name ? `${s(p.name)}：` : ''}${s(p.count)} 行的几何是曲线（${s(p.types)}），本程序不能读取，已跳过（第一处在第 ${s(p.firstRow)} 行）。请在 GIS 软件中把曲线转为折线（如 ST_CurveToLine 或 ogr2ogr -nlt CONVERT_TO_LINEAR）后再导入。`,
    en: (p) => `${p.name ? `${s(p.name)}: ` : ''}${s(p.count)} row(s) hold curves (${s(p.types)}), which cannot be read here and were skipped (first at row ${s(p.firstRow)}). Convert the curves to lines in your GIS (e.g. ST_CurveToLine or ogr2ogr -nlt CONVERT_TO_LINEAR), then import.`,
  },
  'parcel-area-mismatch': {
    zh: (p) => `${s(p.count)} 个地块的面积与文件所写不符（地块号：所写 / 按界址点计算，公顷）：${s(p.parcels)}。请核对界址点或面积。`,
    en: (p) => `${s(p.count)} parcel(s) differ from the area the file states (parcel: stated / computed from the boundary points, ha): ${s(p.parcels)}. Check the points or the area.`,
  },
  'dxf-invalid': {
    zh: (p) => `${s(p.name)} 不是可读取的 DXF 文件，可能已损坏。请在 CAD 软件中另存为 DXF（如 AutoCAD 2000 DXF）后再导入。`,
    en: (p) => `${s(p.name)} is not a readable DXF file (${s(p.detail)}); it may be damaged. Save it again as DXF (e.g. AutoCAD 2000 DXF) in your CAD program, then import.`,
  },
  'xlsx-invalid': {
    zh: (p) => `${s(p.name)} 不是可读取的 Excel 工作簿（.xlsx），可能已损坏或加密。请在 Excel 中另存为 .xlsx 或 CSV 后再导入。`,
    en: (p) => `${s(p.name)} is not a readable Excel workbook (.xlsx) (${s(p.detail)}); it may be damaged or encrypted. Save it again as .xlsx or CSV in Excel, then import.`,
  },
  'dxf-entities-skipped': {
    zh: (p) => `${p.name ? `${s(p.name)}：` : ''}${s(p.count)} 个 DXF 对象（${s(p.types)}）不是点、线、面或注记，未导入。块参照请在 CAD 软件中先分解（EXPLODE）。`,
    en: (p) => `${p.name ? `${s(p.name)}: ` : ''}${s(p.count)} DXF object(s) (${s(p.types)}) are not points, lines, polygons or text and were not imported. Explode block references (EXPLODE) in your CAD program first.`,
  },
  'csv-xy-surveying-order': {
    zh: (p) => `按测量习惯，列“${s(p.x)}”是北坐标、“${s(p.y)}”是东坐标，已按此读取。`,
    en: (p) => `Column "${s(p.x)}" holds northings and "${s(p.y)}" eastings (surveying convention); read accordingly.`,
  },
  'no-features': {
    zh: (p) => `${p.layer ? `图层 ${s(p.layer)}：` : ''}没有可导入的要素——${reasonZh[s(p.reason)] ?? s(p.reason)}。请检查导出时是否选对了图层。`,
    en: (p) => `${p.layer ? `Layer ${s(p.layer)}: ` : ''}nothing to import — ${reasonEn[s(p.reason)] ?? s(p.reason)}. Check that the right layer was exported.`,
  },
  'too-many-features': {
    zh: (p) => `要素数超过 ${s(p.limit)} 个的上限。请按区域裁剪或拆分后再导入。`,
    en: (p) => `More than ${s(p.limit)} features. Clip or split the data by area, then import.`,
  },
  'too-many-vertices': {
    zh: (p) => `顶点数超过 ${s(p.limit)} 个的上限。请在 GIS 软件中简化（抽稀）或拆分后再导入。`,
    en: (p) => `More than ${s(p.limit)} vertices. Simplify or split the data in your GIS, then import.`,
  },
  'too-many-columns': {
    zh: (p) => `属性表有 ${s(p.count)} 列，超过 ${s(p.limit)} 列的上限。请只保留需要的列后再导入。`,
    en: (p) => `The attribute table has ${s(p.count)} columns, over the limit of ${s(p.limit)}. Keep only the columns you need, then import.`,
  },
  'invalid-geometries-skipped': {
    zh: (p) => `${s(p.count)} 个几何无效的要素已跳过（坐标缺失或不是数字）。`,
    en: (p) => `${s(p.count)} feature(s) with invalid geometry were skipped (missing or non-numeric coordinates).`,
  },
  'rings-closed': {
    zh: (p) => `${s(p.count)} 个未闭合的面边界已按首点闭合。`,
    en: (p) => `${s(p.count)} unclosed polygon ring(s) were closed back to their first point.`,
  },
  'features-without-geometry': {
    zh: (p) => `${s(p.count)} 个要素没有几何，保留了属性但不会显示在地图上，也不计入统计。`,
    en: (p) => `${s(p.count)} feature(s) have no geometry: attributes kept, but not drawn or counted.`,
  },
  'nested-properties-flattened': {
    zh: (p) => `${s(p.count)} 个嵌套属性值已转为文本。`,
    en: (p) => `${s(p.count)} nested property value(s) were turned into text.`,
  },
  'properties-renamed': {
    zh: (p) => `属性名 ${s(p.names)} 与程序内部名称冲突，已在末尾加“_”保存（如 constructor_）。`,
    en: (p) => `The property name(s) ${s(p.names)} clash with built-in names and were kept with a trailing "_" (e.g. constructor_).`,
  },
  'crs-unknown': {
    zh: (p, c) => `无法识别坐标系“${s(p.crs)}”。${chooseCrsZh(c)}，或在 GIS 软件中转为 CGCS2000/WGS84 后再导入。`,
    en: (p, c) => `The coordinate system "${s(p.crs)}" is not recognised. ${cap(chooseCrsEn(c))}, or convert to CGCS2000/WGS84 in your GIS first.`,
  },
  'crs-unsupported': {
    zh: (p, c) => `不支持坐标系 ${s(p.crs)}。支持 CGCS2000、西安1980、北京1954 高斯-克吕格 3°/6° 带，Web 墨卡托，UTM，WGS84 和 GCJ-02；${c === 'cli' ? '也可用 --from-crs 传入 proj4 定义' : '请在 GIS 软件中转换后再导入'}。`,
    en: (p, c) => `The coordinate system ${s(p.crs)} is not supported. Supported: CGCS2000, Xian 1980 and Beijing 1954 Gauss-Kruger 3°/6° zones, Web Mercator, UTM, WGS84 and GCJ-02; ${c === 'cli' ? 'a proj4 definition can also be passed with --from-crs' : 'convert it in your GIS first'}.`,
  },
  'crs-needs-confirmation': {
    zh: (p, c) => `${p.layer ? `图层 ${s(p.layer)} ` : ''}没有坐标系信息（缺少 .prj），坐标是投影坐标但无法确定中央经线，可能是 ${s(p.candidates)} 等。为避免放错位置，${chooseCrsZh(c)}。`,
    en: (p, c) => `${p.layer ? `Layer ${s(p.layer)} ` : 'The data '}has no coordinate system (no .prj) and holds projected coordinates whose central meridian cannot be told; it may be ${s(p.candidates)} or another. To avoid placing it wrongly, ${chooseCrsEn(c)}.`,
  },
  'crs-undetectable': {
    zh: (p, c) => `${p.layer ? `图层 ${s(p.layer)} ` : ''}的坐标范围（${s(p.bbox)}）不符合任何已知坐标系。${chooseCrsZh(c)}，或检查数据是否为地方坐标系。`,
    en: (p, c) => `The coordinates${p.layer ? ` of layer ${s(p.layer)}` : ''} (${s(p.bbox)}) fit no known coordinate system. ${cap(chooseCrsEn(c))}, or check whether the data use a local grid.`,
  },
  'coordinates-swapped': {
    zh: (p) => `${p.layer ? `图层 ${s(p.layer)} ` : ''}的坐标（${s(p.bbox)}）看起来是“纬度, 经度”的顺序，而 GeoJSON 要求经度在前。请在源数据中交换两列（或两个数）后再导入。`,
    en: (p) => `The coordinates${p.layer ? ` of layer ${s(p.layer)}` : ''} (${s(p.bbox)}) look like latitude, longitude; GeoJSON needs longitude first. Swap the two values (or columns) in the source and import again.`,
  },
  'crs-declared-mismatch': {
    zh: (p, c) => `${p.source === 'user' ? '所选' : '文件声明的'}坐标系 ${s(p.crs)} 与坐标数值（${s(p.bbox)}）不符${p.source === 'prj' ? '（.prj 可能有误）' : ''}。${chooseCrsZh(c)}。`,
    en: (p, c) => `The ${p.source === 'user' ? 'chosen' : 'declared'} coordinate system ${s(p.crs)} does not fit the coordinates (${s(p.bbox)})${p.source === 'prj' ? ' — the .prj may be wrong' : ''}. ${cap(chooseCrsEn(c))}.`,
  },
  'crs-assumed-cgcs2000': {
    zh: (p, c) => `没有坐标系信息，按东坐标中的带号识别为 ${s(p.crs)}（假定 CGCS2000）。如果数据是西安1980或北京1954，${c === 'cli' ? '请用 --from-crs 指定' : '请重新选择坐标系'}。`,
    en: (p, c) => `No coordinate system given; the zone number in the eastings identifies ${s(p.crs)} (CGCS2000 assumed). If the data are Xian 1980 or Beijing 1954, ${c === 'cli' ? 'pass --from-crs' : 'choose the coordinate system again'}.`,
  },
  'crs-user-override': {
    zh: (p) => `文件声明的坐标系 ${s(p.declared)} 已按指定改为 ${s(p.used)}。`,
    en: (p) => `The declared coordinate system ${s(p.declared)} was replaced by ${s(p.used)} as requested.`,
  },
  'datum-approximate': {
    zh: (p) => `${s(p.datumZh)} 到 WGS84 没有适用于该地区的公开转换参数，按近似处理（与 GDAL 相同），位置可能偏差数十米至约 100 米。如有当地七参数，请用带 +towgs84 的定义导入。`,
    en: (p) => `No published ${s(p.datum)} → WGS84 transformation covers this region, so an approximation was used (as GDAL does); positions may be off by tens of metres up to ~100 m. With local 7-parameter values, import with a definition that has +towgs84.`,
  },
  'datum-transformation-applied': {
    zh: (p) => `北京1954 到 WGS84 使用了 EPSG 公布的转换参数（${s(p.operations)}，与 GDAL 相同）。`,
    en: (p) => `Beijing 1954 → WGS84 used EPSG's published transformation (${s(p.operations)}), as GDAL does.`,
  },
  'reprojection-failed': {
    zh: (p, c) => `${s(p.count)} 个坐标无法从 ${s(p.crs)} 转换（超出该坐标系范围），坐标系很可能选错了。${chooseCrsZh(c)}。`,
    en: (p, c) => `${s(p.count)} coordinate(s) could not be converted from ${s(p.crs)} (outside its range); the coordinate system is probably wrong. ${cap(chooseCrsEn(c))}.`,
  },
  'outside-china': {
    zh: (p) => `导入的数据位于中国以外（${s(p.bbox)}）。如果这不对，坐标系可能选错了。`,
    en: (p) => `The imported data lie outside China (${s(p.bbox)}). If that is wrong, the coordinate system is probably wrong.`,
  },
  'gcj02-not-lonlat': {
    zh: () => 'GCJ-02 只适用于经纬度坐标，而这些坐标是投影坐标（米）。请选择投影坐标系。',
    en: () => 'GCJ-02 applies to longitude/latitude only, but these are projected coordinates (metres). Choose a projected coordinate system.',
  },
};

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One sentence (or two) in the given language: what is wrong and what to do. */
export function formatImportMessage(message: ImportMessage, language: MessageLanguage, context: MessageContext = 'ui'): string {
  const entry = MESSAGES[message.code as ImportMessageCode];
  if (!entry) return language === 'zh' ? `导入出错（${String(message.code)}）。` : `Import problem (${String(message.code)}).`;
  const text = entry[language](message.params ?? {}, context).replace(/\s+/g, ' ').trim();
  return withFileName(text, message.params?.file, language);
}

/** Prefixes the file's name unless the text names it already (with or without its extension). */
function withFileName(text: string, file: string | number | undefined, language: MessageLanguage): string {
  if (file === undefined || file === '') return text;
  const name = String(file).split(/[\\/]/).pop() ?? String(file);
  const base = name.replace(/\.[^.]+$/, '');
  if (text.includes(base)) return text;
  return language === 'zh' ? `${name}：${text}` : `${name}: ${text}`;
}

/** Both languages at once, Chinese first. */
export function importMessageText(message: ImportMessage, context: MessageContext = 'ui'): { zh: string; en: string } {
  return { zh: formatImportMessage(message, 'zh', context), en: formatImportMessage(message, 'en', context) };
}

/** Every code with a text (for tests). */
export const KNOWN_MESSAGE_CODES = Object.keys(MESSAGES) as ImportMessageCode[];
