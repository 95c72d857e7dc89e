/**
 * `npm run bench:content` — what content screening costs a write: `claims.submit` through the function gateway,
 * with screening on (the platform stand-in answering at once, or after 20 ms like a real network hop) against the
 * same call with screening off (the local cloud's switch, `POST /_emulator/wechat { screening: false }`: the very
 * same code path without the platform calls). Calls alternate between the variants so the shared machine's noise
 * falls on all alike; medians. The target: the extra latency is at most one round trip to the platform, measured
 * here as a lone msgSecCheck through wx-server-sdk against the same stand-in.
 */
process.env.TENCENTCLOUD = 'true'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'
import { roundTrips } from './support'

const ROUNDS = 80
const WARMUP = 10

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function timed(call: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint()
  await call()
  return Number(process.hrtime.bigint() - t) / 1e6
}

async function platform(cloud: TestCloud, control: Record<string, unknown>) {
  const res = await fetch(`${cloud.url}/_emulator/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) })
  if (res.status !== 200) throw new Error(`/_emulator/wechat 答复 HTTP ${res.status}`)
}

async function main() {
  // Some 360 photos from one person: past the daily upload quota (200) a real person would meet.
  const cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off', LOCAL_UPLOAD_QUOTA_FILES: '1000' } })
  const note = (s: string) => console.log(s)
  try {
    const rule = await cloud.api('rules', 'save', { categoryId: 'cat-other', name: '基准测试条目', points: 1, photosRequired: false, capPerMonth: 0 }, 'demo-admin')
    if (!rule.ok) throw new Error(rule.message)
    // A fresh photo for each call, as in life (a photo used before is flagged, which skips a write).
    let seed = 90_000
    const fresh = () => upload(cloud, 'demo-resident', photoBytes(++seed))
    // Photo results are pushed long after the run, so that no push lands inside a measured call.
    await platform(cloud, { mediaResultDelayMs: 60_000 })
    const submit = (photos: string[]) => async () => {
      const answer = await cloud.api('claims', 'submit', buildClaim({ ruleId: rule.data.rule.id, photos }), 'demo-resident')
      if (!answer.ok) throw new Error(`${answer.code} ${answer.message}`)
    }

    // One round trip to the platform: a lone text check through wx-server-sdk, as the functions make it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wx = require('wx-server-sdk') as typeof import('wx-server-sdk')
    wx.init({ env: 'local', serviceUrl: `${cloud.url}/admin`, secretId: 'bench', secretKey: 'bench' } as never)
    const check = () => wx.openapi.security.msgSecCheck({ openid: 'demo-resident', scene: 3, version: 2, content: '清扫院落和门前的落叶' }) as Promise<unknown>
    for (let i = 0; i < WARMUP; i++) await check()
    const lone: number[] = []
    for (let i = 0; i < ROUNDS; i++) lone.push(await timed(check))
    const roundTrip = median(lone)

    // Requests per call.
    await platform(cloud, { screening: false })
    const offCount = await roundTrips(cloud, submit([await fresh()]))
    await platform(cloud, { screening: true, delayMs: 0 })
    const onCount = await roundTrips(cloud, submit([await fresh()]))
    const extra = Object.entries(onCount)
      .map(([k, v]) => [k, v - (offCount[k] ?? 0)] as const)
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => `${k} +${v}`)
      .join('，')

    // Each "on" against an "off" with the same platform delay: the reviewer's notification waits for it either way.
    const variants = [
      { name: 'off', control: { screening: false, delayMs: 0 } },
      { name: 'on', control: { screening: true, delayMs: 0 } },
      { name: 'off20', control: { screening: false, delayMs: 20 } },
      { name: 'on20', control: { screening: true, delayMs: 20 } },
    ] as const
    const results: Record<string, { text: number[]; photo: number[] }> = {}
    for (const v of variants) results[v.name] = { text: [], photo: [] }
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      for (const v of variants) {
        await platform(cloud, v.control)
        const text = await timed(submit([]))
        const withPhoto = await timed(submit([await fresh()]))
        if (i >= WARMUP) {
          results[v.name].text.push(text)
          results[v.name].photo.push(withPhoto)
        }
      }
    }
    await platform(cloud, { screening: true, delayMs: 0 })
    const m = (name: string, kind: 'text' | 'photo') => median(results[name][kind])

    note(`一次到平台替身的往返（单独一次 msgSecCheck，经 wx-server-sdk）：${roundTrip.toFixed(2)} ms`)
    note(`claims.submit 每次的请求（带一张照片），开启检查比关闭多：${extra}（都与原有的读取同时发出）`)
    for (const kind of ['text', 'photo'] as const) {
      const label = kind === 'text' ? '只有文字' : '文字 + 1 张照片'
      const [off, on, off20, on20] = [m('off', kind), m('on', kind), m('off20', kind), m('on20', kind)]
      note(
        `claims.submit（${label}）中位数：替身即时答复时 不检查 ${off.toFixed(2)} ms、检查 ${on.toFixed(2)} ms，多 ${(on - off).toFixed(2)} ms` +
          `（${((on - off) / roundTrip).toFixed(2)} 次往返）；替身每次慢 20 ms 时 不检查 ${off20.toFixed(2)} ms、检查 ${on20.toFixed(2)} ms，` +
          `多 ${(on20 - off20).toFixed(2)} ms（一次往返约 ${(roundTrip + 20).toFixed(0)} ms）（目标：多出 ≤ 1 次往返）`,
      )
    }
  } finally {
    await cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
