import { readFileSync } from 'node:fs';
import { importRegions, parseCoordinatesCsv, parseRegionCsv } from '../modules/regions/index.js';
import { argValue, runCli } from './common.js';

/**
 * npm run regions:import FILE [-- --coordinates COORDS.csv]
 * FILE: code,name,parent_code,level (county | town | village), UTF-8, e.g. from NBS division codes.
 */
await runCli(async (deps, args) => {
  const file = args.find((a) => !a.startsWith('--') && a !== argValue(args, 'coordinates'));
  if (!file) {
    process.stderr.write('用法 (usage): npm run regions:import FILE.csv [-- --coordinates COORDS.csv]\n  FILE.csv 列: code,name,parent_code,level\n');
    return 2;
  }
  const { rows, problems } = parseRegionCsv(readFileSync(file, 'utf8'));
  if (problems.length) {
    process.stderr.write(`文件有 ${problems.length} 处错误，未导入任何数据：\n`);
    for (const p of problems.slice(0, 50)) process.stderr.write(`  第 ${p.line} 行：${p.message}\n`);
    return 1;
  }
  const coordsFile = argValue(args, 'coordinates');
  const coords = coordsFile ? parseCoordinatesCsv(readFileSync(coordsFile, 'utf8')) : [];
  const n = await importRegions(deps.dbh.db, rows, coords);
  process.stdout.write(`已导入 ${n} 个行政区划。imported ${n} regions. Running servers pick them up within a minute.\n`);
  return 0;
});
