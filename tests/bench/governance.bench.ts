/**
 * `npm run bench:governance` — closing a month is a paged job: its ledger is read a thousand entries at a time into
 * a running digest, never loaded whole. Measured in one run on one local cloud:
 *   - closing a month of 5,000 residents and 100,000 entries, then one of 10,000 residents and 200,000 entries:
 *     the time of each, and the local cloud's resident memory (sampled every 20 ms) above what it held before;
 *   - verifying the chain of the larger month.
 * Target: memory flat as the month doubles (bounded), time about linear.
 */
process.env.TENCENTCLOUD = 'true'
import fs from 'node:fs'
import { startCloud, type TestCloud } from '../support/cloud'
import { insert, ok } from './support'

const MB = 1024 * 1024

/** A community with its admin, `residents` residents and `entries` ledger entries in `month`. */
async function seedCommunity(cloud: TestCloud, id: string, residents: number, entries: number, month: string) {
  const admin = `${id}-admin`
  await insert(cloud, 'orgNodes', [{ _id: id, type: 'community', name: `基准社区${id}`, parentId: null, communityId: id, path: [id] }])
  await insert(cloud, 'users', [{ _id: admin, name: '基准管理员', communityId: id, residentId: null, roles: [{ role: 'admin', nodeId: id }] }])
  const at = new Date(`${month}-15T04:00:00Z`)
  for (let start = 0; start < entries; start += 20_000) {
    const batch = []
    for (let k = start; k < Math.min(entries, start + 20_000); k++) {
      const r = k % residents
      batch.push({
        _id: `${id}-e-${String(k).padStart(7, '0')}`,
        accountId: `res:${id}-r-${r}`,
        communityId: id,
        gridId: `${id}-g`,
        courtyardId: `${id}-c-${r % 50}`,
        householdId: `${id}-h-${Math.floor(r / 3)}`,
        residentId: `${id}-r-${r}`,
        residentName: `居民${r}`,
        householdName: `居民${r}家`,
        courtyardName: `${r % 50}号院`,
        delta: 5,
        kind: 'credit',
        source: { type: 'claim', id: `${id}-c-${k}` },
        operator: 'bench',
        operatorName: '基准',
        note: '清扫院落',
        at: new Date(at.getTime() + k * 1000).toISOString(),
        month,
        year: month.slice(0, 4),
        balanceAfter: 5,
        projected: true,
        communityMonth: `${id}|${month}`,
      })
    }
    await insert(cloud, 'ledger', batch)
  }
  return admin
}

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

/** Runs `call` while sampling the server's resident memory; answers the time and the peak above the start. */
async function measured(cloud: TestCloud, call: () => Promise<unknown>) {
  const pid = cloud.process.pid!
  const before = rss(pid)
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 20)
  const t = process.hrtime.bigint()
  await call()
  const seconds = Number(process.hrtime.bigint() - t) / 1e9
  clearInterval(timer)
  peak = Math.max(peak, rss(pid))
  return { seconds, before, peakAbove: peak - before }
}

async function main() {
  const cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off' } })
  try {
    const month = '2026-09'
    const t0 = Date.now()
    const small = await seedCommunity(cloud, 'bench-a', 5_000, 100_000, month)
    const large = await seedCommunity(cloud, 'bench-b', 10_000, 200_000, month)
    console.log(`写入 30 万条台账用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`)
    const rows: string[] = []
    for (const [label, admin, n] of [['5 千居民、10 万条', small, 100_000], ['1 万居民、20 万条', large, 200_000]] as const) {
      let digest = ''
      const m = await measured(cloud, async () => {
        const closed = ok(await cloud.api('governance', 'closeMonth', { month }, admin))
        if (closed.entryCount !== n) throw new Error(`结月读到 ${closed.entryCount} 条，应为 ${n}`)
        digest = closed.digest
      })
      rows.push(`结月（${label}）：${m.seconds.toFixed(1)} 秒，本地云内存峰值比开始时多 ${(m.peakAbove / MB).toFixed(0)} MB（开始时 ${(m.before / MB).toFixed(0)} MB），校验码 ${digest.slice(0, 12)}…`)
    }
    const v = await measured(cloud, async () => {
      const result = ok(await cloud.api('governance', 'verify', { month }, large))
      if (!result.valid) throw new Error('校验失败')
    })
    rows.push(`校验（1 万居民、20 万条）：${v.seconds.toFixed(1)} 秒，内存峰值多 ${(v.peakAbove / MB).toFixed(0)} MB`)
    const again = await measured(cloud, async () => ok(await cloud.api('governance', 'closeMonth', { month }, large)))
    rows.push(`再次结月（已结，不重算）：${(again.seconds * 1000).toFixed(0)} 毫秒`)
    for (const r of rows) console.log(r)
  } finally {
    await cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
