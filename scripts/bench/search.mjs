// Search bench (issue 13): the search box's index over the 12 counties and 100,000 imported
// features with Chinese names, typed one keystroke at a time (characters, pinyin, initials, a
// coordinate). Prints the time to build the index (pinyin of every distinct name) and per
// keystroke the median and worst query time (target < 50 ms), with the ratio to a reference in
// the same process: a bare `names.filter((n) => n.includes(q))` over the same names.
// Env: BENCH_FEATURES (default 100000), BENCH_RUNS (default 5).
import { tsImport } from 'tsx/esm/api';

const { buildSearchIndex, searchIndex } = await tsImport('../../src/search/searchIndex.ts', import.meta.url);
const { pinyinOf } = await tsImport('../../src/search/pinyinOf.ts', import.meta.url);
const { parseCoordinates } = await tsImport('../../src/search/parseCoordinates.ts', import.meta.url);

const featureCount = Number(process.env.BENCH_FEATURES ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const COUNTIES = ['潞州区', '上党区', '屯留区', '潞城区', '襄垣县', '平顺县', '黎城县', '壶关县', '长子县', '武乡县', '沁县', '沁源县'];
const PLACES = '东西南北上下前后新老张王李赵刘陈杨黄周吴村庄沟河坡岭峪堡寨店头湾泉';
const KINDS = ['耕地', '林地', '园地', '草地', '沉陷区', '湿地', '建设用地', '水域'];

// Deterministic parcel names like "王家沟村 林地 17": 1,000 villages × 8 land kinds, numbered, as
// a land-use import names its parcels (every name distinct, Chinese parts repeating).
let seed = 1;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const pick = (s) => s[Math.floor(random() * s.length)];
const villages = Array.from({ length: 1000 }, () => `${pick(PLACES)}${pick(PLACES)}${pick(PLACES)}村`);
const entries = COUNTIES.map((name) => ({ name, rank: 0, value: name }));
for (let i = 0; i < featureCount; i++) {
  const name = `${pick(villages)} ${pick(KINDS)} ${i}`;
  entries.push({ name, rank: 1, value: i });
}

const t0 = performance.now();
const index = await buildSearchIndex(entries, pinyinOf);
const buildMs = performance.now() - t0;

// The first query after the build runs cold (the JIT has not compiled the scan yet): reported apart.
let tc = performance.now();
searchIndex(index, 'q', 20);
const coldMs = performance.now() - tc;

const keystrokes = ['x', 'xy', 'xyx', '襄', '襄垣', 'w', 'wj', 'wjg', '王家', '王家沟', 'l', 'li', 'lin', 'lind', '林地 1', '113.1', '113.1,', '113.1, 36.2', 'X=4007574 Y=38420554'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const names = entries.map((e) => e.name);
const rows = [];
for (const q of keystrokes) {
  const ours = [];
  const reference = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const position = parseCoordinates(q);
    const found = searchIndex(index, q, 20);
    ours.push(performance.now() - t);
    t = performance.now();
    const plain = names.filter((n) => n.includes(q)).slice(0, 20);
    reference.push(performance.now() - t);
    if (r === 0) rows.push({ q, found: found.length, position: position ? position.form : '', plain: plain.length });
  }
  Object.assign(rows.at(-1), { median: median(ours), worst: Math.max(...ours), ratio: median(ours) / Math.max(1e-3, median(reference)) });
}
console.log(`search over ${entries.length.toLocaleString('en')} entries (12 counties + ${featureCount.toLocaleString('en')} features)`);
console.log(`index build (${new Set(names).size.toLocaleString('en')} distinct names, pinyin per distinct Chinese part): ${buildMs.toFixed(0)} ms`);
console.log('keystroke               results  position      median ms  worst ms  ÷ includes-filter');
for (const r of rows) {
  console.log(`${r.q.padEnd(24)}${String(r.found).padStart(7)}  ${r.position.padEnd(12)}${r.median.toFixed(2).padStart(10)}${r.worst.toFixed(2).padStart(10)}${r.ratio.toFixed(1).padStart(12)}×`);
}
const worst = Math.max(...rows.map((r) => r.worst));
const worstMedian = Math.max(...rows.map((r) => r.median));
console.log(`first (cold) query: ${coldMs.toFixed(1)} ms`);
console.log(`slowest keystroke: median ${worstMedian.toFixed(1)} ms, worst run ${worst.toFixed(1)} ms (target < 50 ms) ${worst < 50 ? 'OK' : 'OVER'}`);
