/**
 * The bulletin as one self-contained HTML page: every value escaped, an A4 print stylesheet so
 * "print to PDF" gives the paper the office files.
 */
import type { StatsReport, StatsRow } from '../../core/index.js';
import { escapeHtml } from '../notify/templates.js';

const css = `
body { font-family: "FangSong", "仿宋", "STFangsong", serif; color: #000; margin: 2rem auto; max-width: 60rem; line-height: 1.6; }
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
  table: 'handlers' | 'units';
  rows: StatsRow[];
  measures: StatsReport['measures'];
  note?: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const text = (t: unknown) => (typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, string>)['zh-CN'] ?? '') : '');

export function renderBulletin(b: BulletinPage): string {
  const e = escapeHtml;
  const rows = b.rows
    .map(
      (f) =>
        `<tr${f.overdueNow > 0 ? ' class="bad"' : ''}><td>${f.rank ?? '—'}</td><td class="unit">${e(f.unit.name)}</td><td>${f.opened}</td><td>${f.closed}</td><td>${pct(f.completionRate)}</td><td>${f.onTime}</td><td>${f.late}</td><td>${f.overdueNow}</td><td>${pct(f.onTimeRate)}</td><td>${f.avgWorkingDays ?? '—'}</td>${b.measures.map((m) => `<td>${f.custom[m.key] ?? 0}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const custom = b.measures.map((m) => `<th>${e(text(m.title))}</th>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(b.title)}</title><style>${css}</style></head>
<body>
<header><div class="issuer">${e(b.issuer)}</div></header>
<h1>${e(b.title)}</h1>
<p class="meta">统计期间：${e(b.period.from)} 至 ${e(b.period.to)}　｜　Period: ${e(b.period.from)} – ${e(b.period.to)}</p>
<table>
<thead><tr><th>排名<br>Rank</th><th>${b.table === 'units' ? '受理单位<br>Receiving unit' : '承办单位<br>Handling unit'}</th><th>受理<br>Opened</th><th>办结<br>Closed</th><th>办结率<br>Completion</th><th>按期办结<br>On time</th><th>逾期办结<br>Late</th><th>当前超期<br>Overdue now</th><th>按期率<br>On-time rate</th><th>平均工作日<br>Avg working days</th>${custom}</tr></thead>
<tbody>
${rows || `<tr><td colspan="${10 + b.measures.length}">本期无办理事项 / Nothing to count in this period</td></tr>`}
</tbody>
</table>
${b.note ? `<p>${e(b.note)}</p>` : ''}
<footer>生成时间 Generated: ${e(b.generatedAt)}</footer>
</body></html>
`;
}
