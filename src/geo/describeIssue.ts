import type { GeometryIssue } from './GeometryError.ts';
import type { Lang } from './lang.ts';

/**
 * One clear sentence for a geometry issue, in Chinese or English, naming the feature, the ring or
 * part, the problem and where it is. Example (en): "Feature 3 (index 2), outer ring: the ring
 * crosses itself near 112.93410, 36.20117."
 */
export function describeIssue(issue: GeometryIssue, lang: Lang): string {
  const zh = lang === 'zh';
  const n = issue.featureIndex;
  const layer = issue.layer ? (zh ? `${layerName(issue.layer, true)}中` : `${layerName(issue.layer, false)}: `) : '';
  const feature = zh ? `${layer}第 ${n + 1} 个要素（索引 ${n}）` : `${layer}feature ${n + 1} (index ${n})`;
  const place = placeOf(issue, zh);
  const at = issue.position ? near(issue.position, zh) : '';
  const what = problem(issue, zh);
  if (zh) return `${feature}${place ? `的${place}` : ''}：${what}${at}。`;
  const sentence = `${feature}${place ? `, ${place}` : ''}: ${what}${at}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function layerName(layer: string, zh: boolean): string {
  if (layer === 'regions') return zh ? '区域文件' : 'regions';
  if (layer === 'zones') return zh ? '分区文件' : 'zones';
  return layer;
}

function placeOf(issue: GeometryIssue, zh: boolean): string {
  const parts: string[] = [];
  if (issue.part !== undefined) parts.push(zh ? `第 ${issue.part + 1} 部分` : `part ${issue.part + 1}`);
  if (issue.ring !== undefined) {
    if (issue.ring === 0) parts.push(zh ? '外环' : 'outer ring');
    else parts.push(zh ? `第 ${issue.ring} 个内环（洞）` : `hole ${issue.ring}`);
  }
  return parts.join(zh ? '' : ' ');
}

function near(position: [number, number], zh: boolean): string {
  const lon = position[0].toFixed(5);
  const lat = position[1].toFixed(5);
  return zh ? `（位置约 ${lon}, ${lat}）` : ` near ${lon}, ${lat}`;
}

function problem(issue: GeometryIssue, zh: boolean): string {
  switch (issue.code) {
    case 'missing-geometry':
      return zh ? '没有几何图形' : 'it has no geometry';
    case 'unsupported-geometry':
      return zh
        ? `几何类型 ${issue.geometryType ?? '?'} 不能用于此计算`
        : `geometry type ${issue.geometryType ?? '?'} cannot be used here`;
    case 'empty-geometry':
      return zh ? '几何图形没有坐标' : 'the geometry has no coordinates';
    case 'invalid-coordinate':
      return zh ? '坐标格式错误（应为 [经度, 纬度]）' : 'a coordinate is malformed (expected [lon, lat])';
    case 'non-finite-coordinate':
      return zh ? '坐标含有非数值（NaN 或无穷大）' : 'a coordinate is not a finite number (NaN or Infinity)';
    case 'out-of-range-coordinate':
      return zh
        ? '坐标超出经度 ±180°、纬度 ±90° 的范围（可能是投影坐标而非经纬度）'
        : 'a coordinate is outside longitude ±180° / latitude ±90° (projected coordinates instead of lon/lat?)';
    case 'crosses-antimeridian':
      return zh ? '边跨越了 180° 经线，暂不支持' : 'an edge crosses the 180° meridian, which is not supported';
    case 'too-few-points':
      return zh ? '点数太少，无法构成线或闭合环' : 'it has too few points to form a line or a closed ring';
    case 'unclosed-ring':
      return zh ? '环没有闭合（最后一个点与第一个点不同）' : 'the ring is not closed (last point differs from the first)';
    case 'self-intersection':
      if (issue.touches) return zh ? '环在一点上与自身相接（环必须简单，请拆成两个环）' : 'the ring touches itself at a point (rings must be simple: split it into two)';
      return zh ? '环自相交' : 'the ring crosses itself';
    case 'ring-intersection':
      return zh ? '与同一多边形的另一个环相交' : 'it crosses another ring of the same polygon';
    case 'hole-outside-shell':
      return zh ? '内环（洞）位于外环之外' : 'the hole lies outside the outer ring';
    case 'nested-holes':
      return zh ? '内环（洞）位于另一个内环之内' : 'the hole lies inside another hole';
    case 'overlapping-parts':
      // Parts sharing an edge are the usual case (adjacent parcels in one multipart feature).
      if (issue.along) return zh ? '多部分多边形的两个部分沿一条边相接或重叠（请合并为一个面）' : 'two parts of the multipolygon touch or overlap along an edge (merge them into one polygon)';
      return zh ? '多部分多边形的各部分相互重叠' : 'parts of the multipolygon overlap each other';
    case 'disconnected-interior':
      return zh ? '内环与外环或彼此相接成圈，把面的内部分成了几块（请拆成几个面）' : 'its rings touch in a loop that cuts the interior into pieces (split it into several polygons)';
    case 'missing-property':
      return zh ? `缺少属性“${issue.property ?? ''}”` : `it has no "${issue.property ?? ''}" property`;
  }
}
