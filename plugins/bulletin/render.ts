/**
 * The bulletin as one self-contained HTML page: every value escaped, an A4 print stylesheet so
 * "print to PDF" gives the paper the office files.
 */
import { escapeHtml } from '../notify/templates.js';
import type { UnitFigures } from './compute.js';

const css = `
body { font-family: "FangSong", "仿宋", "STFangsong", serif; color: #000; margin: 2rem auto; max-width: 52rem; line-height: 1.6; }
header { border-bottom: 3px solid #c00; text-align: center; padding-bottom: .5rem; margin-bottom: 1.5rem; }
header .issuer { color: #c00; font-size: 2rem; letter-spacing: .3rem; font-family: "SimSun", "宋体", serif; font-weight: bold; }
h1 { text-align: center; font-size: 1.6rem; font-family: "SimHei", "黑体", sans-serif; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #000; padding: .3rem .5rem; text-align: center; }
td.unit { text-align: left; }
tr.bad td { color: #c00; }
.meta { text-align: center; }
footer { margin-top: 2rem; text-align: right; }
@page { size: A4; margin: 25mm 20mm; }
@media print { body { margin: 0; max-width: none; } header, tr { break-inside: avoid; } }
`;

export interface BulletinPage {
  title: string;
  issuer: string;
  period: { from: string; to: string };
  generatedAt: string;
  figures: UnitFigures[];
  note?: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function renderBulletin(b: BulletinPage): string {
  const e = escapeHtml;
  const rows = b.figures
    .map((f) => `<tr${f.missing > 0 ? ' class="bad"' : ''}><td>${f.rank ?? '—'}</td><td class="unit">${e(f.unit)}</td><td>${f.onTime + f.late + f.missing}</td><td>${f.onTime}</td><td>${f.late}</td><td>${f.missing}</td><td>${pct(f.rate)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(b.title)}</title><style>${css}</style></head>
<body>
<header><div class="issuer">${e(b.issuer)}</div></header>
<h1>${e(b.title)}</h1>
<p class="meta">统计期间：${e(b.period.from)} 至 ${e(b.period.to)}　｜　Period: ${e(b.period.from)} – ${e(b.period.to)}</p>
<table>
<thead><tr><th>排名<br>Rank</th><th>单位<br>Unit</th><th>应办<br>Due</th><th>按时办结<br>On time</th><th>逾期办结<br>Late</th><th>超期未办<br>Missing</th><th>按时办结率<br>On-time rate</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">本期无到期事项 / Nothing fell due in this period</td></tr>'}
</tbody>
</table>
${b.note ? `<p>${e(b.note)}</p>` : ''}
<footer>生成时间 Generated: ${e(b.generatedAt)}</footer>
</body></html>
`;
}
