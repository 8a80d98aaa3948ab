// Figures: percentiles, the console table, the JSON record and the sweep chart.
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const resultsDir = path.resolve(import.meta.dirname, '..', 'results')

export function percentiles(values) {
  const sorted = Float64Array.from(values).sort()
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN)
  return { p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1] : NaN }
}

export function machine() {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-')

export function printTable(rows) {
  const columns = [
    ['database', (r) => r.database ?? 'sqlite'],
    ['workers', (r) => r.workers ?? 1],
    ['subs', (r) => r.subscribers],
    ['rate/s', (r) => (r.rate || 'max')],
    ['sent', (r) => r.sent],
    ['expected', (r) => r.expected],
    ['delivered', (r) => r.delivered],
    ['lost', (r) => r.lost],
    ['dup', (r) => r.duplicated],
    ['p50 ms', (r) => fmt(r.latencyMs.p50)],
    ['p90 ms', (r) => fmt(r.latencyMs.p90)],
    ['p99 ms', (r) => fmt(r.latencyMs.p99)],
    ['max ms', (r) => fmt(r.latencyMs.max)],
    ['accepted/s', (r) => fmt(r.acceptedPerSecond, 1)],
    ['cpu idle %', (r) => fmt(r.serverCpuPercent.idle, 1)],
    ['cpu load %', (r) => fmt(r.serverCpuPercent.load, 1)],
    ['bench cpu %', (r) => fmt(r.benchCpuPercent, 1)],
    ['rss MB', (r) => fmt(r.serverRssMB.withStreams, 0)],
    ['KB/sub', (r) => fmt(r.rssPerSubscriberKB, 1)],
    ['loop p99 ms', (r) => fmt(r.loopDelayMs?.load?.p99, 1)],
    ['loop max ms', (r) => fmt(r.loopDelayMs?.load?.max, 1)],
    ['idle loop max', (r) => fmt(r.loopDelayMs?.idle?.max, 1)],
  ]
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, f]) => String(f(r))))]
  const widths = columns.map((_, i) => Math.max(...cells.map((c) => c[i].length)))
  for (const row of cells) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '))
}

export function saveJson(name, data) {
  mkdirSync(resultsDir, { recursive: true })
  const file = path.join(resultsDir, name)
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}

// A small hand-drawn SVG: latency p50/p99 (log scale, left) and RSS (right) per subscriber count.
export function sweepChart(rows) {
  const width = 720
  const height = 360
  const pad = { left: 70, right: 70, top: 40, bottom: 50 }
  const plotW = width - pad.left - pad.right
  const plotH = height - pad.top - pad.bottom
  const x = (i) => pad.left + (rows.length === 1 ? plotW / 2 : (i * plotW) / (rows.length - 1))
  const lat = rows.flatMap((r) => [r.latencyMs.p50, r.latencyMs.p99]).filter((v) => v > 0)
  const [lo, hi] = [Math.floor(Math.log10(Math.min(...lat, 1))), Math.ceil(Math.log10(Math.max(...lat, 10)))]
  const yLat = (v) => pad.top + plotH - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo || 1)) * plotH
  const rssMax = Math.max(...rows.map((r) => r.serverRssMB.withStreams)) * 1.1
  const yRss = (v) => pad.top + plotH - (v / rssMax) * plotH
  const line = (f, color, dash = '') =>
    `<polyline fill="none" stroke="${color}" stroke-width="2.5" ${dash} points="${rows.map((r, i) => `${x(i)},${f(r)}`).join(' ')}"/>` +
    rows.map((r, i) => `<circle cx="${x(i)}" cy="${f(r)}" r="4" fill="${color}"/>`).join('')
  const ticks = []
  for (let e = lo; e <= hi; e++) {
    ticks.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${yLat(10 ** e)}" y2="${yLat(10 ** e)}" stroke="#ddd"/>`)
    ticks.push(`<text x="${pad.left - 8}" y="${yLat(10 ** e) + 4}" text-anchor="end">${10 ** e} ms</text>`)
  }
  for (let k = 0; k <= 4; k++) {
    const v = (rssMax * k) / 4
    ticks.push(`<text x="${width - pad.right + 8}" y="${yRss(v) + 4}">${v.toFixed(0)} MB</text>`)
  }
  const labels = rows.map((r, i) => `<text x="${x(i)}" y="${height - pad.bottom + 20}" text-anchor="middle">${r.subscribers.toLocaleString('en')}</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Delivery latency and server memory by open streams (${rows[0]?.rate} msg/s)</text>
${ticks.join('\n')}
${labels.join('\n')}
<text x="${width / 2}" y="${height - 12}" text-anchor="middle">open SSE streams</text>
${line((r) => yLat(r.latencyMs.p50), '#2563eb')}
${line((r) => yLat(r.latencyMs.p99), '#dc2626')}
${line((r) => yRss(r.serverRssMB.withStreams), '#16a34a', 'stroke-dasharray="6 4"')}
<g transform="translate(${pad.left + 10},${pad.top + 6})">
<rect width="150" height="58" fill="white" stroke="#ccc"/>
<line x1="8" x2="30" y1="14" y2="14" stroke="#2563eb" stroke-width="2.5"/><text x="36" y="18">p50 latency</text>
<line x1="8" x2="30" y1="30" y2="30" stroke="#dc2626" stroke-width="2.5"/><text x="36" y="34">p99 latency</text>
<line x1="8" x2="30" y1="46" y2="46" stroke="#16a34a" stroke-width="2.5" stroke-dasharray="6 4"/><text x="36" y="50">server RSS</text>
</g>
</svg>
`
}
