// pack messages: why a data pack could not be loaded (PackLoadError codes). zh is the source of
// truth; en must have the same keys.
export const zh = {
  'pack.error.other-origin': '数据包不在本站：只能使用本站的数据包（如 pack=shanxi）',
  'pack.error.file-other-origin': '图层文件不在数据包所在的网站：只从数据包自己的网站读取文件',
  'pack.error.network': '网络错误',
  'pack.error.http': '服务器未返回文件',
  'pack.error.json': '文件不是有效的 JSON',
  'pack.error.manifest': '清单 pack.json 不完整',
  'pack.error.not-geojson': '图层文件不是 GeoJSON 要素集合',
};

export const en = {
  'pack.error.other-origin': 'the pack is on another site: only packs on this site can be used (e.g. pack=shanxi)',
  'pack.error.file-other-origin': "a layer file is on another site: files are read only from the pack's own site",
  'pack.error.network': 'network error',
  'pack.error.http': 'the server did not return the file',
  'pack.error.json': 'the file is not valid JSON',
  'pack.error.manifest': 'the manifest pack.json is incomplete',
  'pack.error.not-geojson': 'a layer file is not a GeoJSON FeatureCollection',
} satisfies Record<keyof typeof zh, string>;
