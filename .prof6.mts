import { readFileSync } from 'node:fs';
import { importFiles } from '/work/main/src/import/importFiles.ts';
const t = performance.now(); const c = process.cpuUsage();
const r = await importFiles([{ name: 'p.kml', bytes: new Uint8Array(readFileSync('/tmp/shanshui-bench-import/polygons-100k.kml')) }]);
const u = process.cpuUsage(c);
console.log(r.ok ? r.layers[0].featureCount : r.error, Math.round(performance.now() - t), 'ms wall', Math.round((u.user + u.system) / 1000), 'ms cpu', Math.round(process.resourceUsage().maxRSS / 1024), 'MB');
