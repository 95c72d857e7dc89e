/**
 * 扣分项 (issue 12) through the real SDK and the function gateway: a grid worker (or the admin) records a deduction
 * with a photo; a second person passes it — one `deduction` entry, at most what the account holds — or turns it down;
 * the recorder may withdraw it. It shows on the board and is objected to like any entry; upheld (or reversed by the
 * admin), the entry is reversed and the deduction marked revoked in the same transaction.
 */
import type { Deduction } from '@core/deductions'
import type { PublicityItem } from '@core/governance'
import { monthKey } from '@core/period'
import { photoBytes, upload } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud
let n = 0
const rid = (p: string) => `${p}-${++n}-deductions`

const ZHANG = 'demo-r-resident' // 张秀英 (demo-resident), courtyard 1, grid 1 (demo-grid)
const LIU = 'demo-r-liu' // 刘福贵, no phone, same courtyard

beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => { if (process.env.DEBUG_CLOUD) console.log(cloud?.output().slice(-4000)); return cloud?.stop() })

const balance = async (residentId: string) => (await ok(cloud.api('points', 'balance', { residentId }, 'demo-admin'))).available
const give = (residentId: string, delta: number) => ok(cloud.api('points', 'adjust', { residentId, delta, reason: '测试起始积分', requestId: rid('adj') }, 'demo-admin'))
const outbox = async (to: string, kind: string) => (await cloud.sdk().database().collection('outbox').where({ to, kind }).get()).data as { title: string; body: string }[]

/** A deduction recorded by `by` (a photo of theirs, uploaded as the app would). */
async function record(by: string, residentId: string, points: number, item = '乱堆乱放'): Promise<Deduction> {
  const photo = await upload(cloud, by, photoBytes(++n))
  return (await ok(cloud.api('points', 'deduct', { residentId, item, points, reason: '楼道里堆放杂物，劝说后未清理', photos: [photo], requestId: rid('dd') }, by))).deduction
}

test('a grid worker records, the admin passes: one deduction entry, the resident told, and it cannot be passed twice', async () => {
  await give(ZHANG, 10)
  const before = await balance(ZHANG)
  const photo = await upload(cloud, 'demo-grid', photoBytes(1))
  const input = { residentId: ZHANG, item: '乱堆乱放', points: 2, reason: '楼道里堆放杂物，劝说后未清理', photos: [photo], requestId: rid('dd') }
  const recorded = (await ok(cloud.api('points', 'deduct', input, 'demo-grid'))).deduction
  expect(recorded).toMatchObject({ status: 'proposed', asked: 2, points: 0, name: '张秀英', mayDecide: false, mayWithdraw: true })
  expect(recorded.photoUrls).toHaveLength(1)
  // A retry records once; nothing is taken before a second person passes it.
  expect((await ok(cloud.api('points', 'deduct', input, 'demo-grid'))).deduction.id).toBe(recorded.id)
  expect(await balance(ZHANG)).toBe(before)
  // The admin is asked to look at it; the one who recorded it is not.
  expect((await outbox('demo-admin', 'deduction_to_review')).length).toBe(1)
  expect(await outbox('demo-grid', 'deduction_to_review')).toEqual([])

  // The recorder cannot pass their own.
  expect(await cloud.api('points', 'decideDeduction', { deductionId: recorded.id, decision: 'pass' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  const waiting = (await ok(cloud.api('points', 'deductions', {}, 'demo-admin'))).items
  expect(waiting.find((d) => d.id === recorded.id)).toMatchObject({ mayDecide: true, mayWithdraw: false })

  const passed = (await ok(cloud.api('points', 'decideDeduction', { deductionId: recorded.id, decision: 'pass' }, 'demo-admin'))).deduction
  expect(passed).toMatchObject({ status: 'applied', points: 2, asked: 2, decidedBy: '周海燕' })
  expect(await balance(ZHANG)).toBe(before - 2)
  const entries = (await ok(cloud.api('points', 'ledger', { residentId: ZHANG, kind: 'deduction' }, 'demo-admin'))).items
  expect(entries[0]).toMatchObject({ delta: -2, kind: 'deduction', source: { type: 'deduction', id: recorded.id }, note: '扣分：乱堆乱放' })
  expect((await outbox('demo-resident', 'deduction'))[0]).toMatchObject({ title: '扣分：乱堆乱放' })
  // Passed once: the table refuses it again, and the ledger holds one entry.
  expect(await cloud.api('points', 'decideDeduction', { deductionId: recorded.id, decision: 'pass' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  expect((await ok(cloud.api('points', 'ledger', { residentId: ZHANG, kind: 'deduction' }, 'demo-admin'))).items.filter((e) => e.source.id === recorded.id)).toHaveLength(1)
  // The resident sees their own deductions, not the photos.
  const mine = (await ok(cloud.api('points', 'deductions', { residentId: ZHANG }, 'demo-resident'))).items
  expect(mine.find((d) => d.id === recorded.id)).toMatchObject({ status: 'applied', points: 2, photoUrls: [] })
})

test('who may record, see and decide: grid workers of the grid and the admin; bad input is refused in Chinese', async () => {
  const photo = await upload(cloud, 'demo-head', photoBytes(2))
  const input = { residentId: ZHANG, item: '乱倒垃圾', points: 1, reason: '把垃圾倒在院门口', photos: [photo], requestId: rid('dd') }
  expect(await cloud.api('points', 'deduct', input, 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('points', 'deduct', input, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('points', 'deductions', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('points', 'deductions', { residentId: LIU }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  const gridPhoto = await upload(cloud, 'demo-grid', photoBytes(3))
  const base = { ...input, photos: [gridPhoto] }
  for (const [bad, field] of [
    [{ ...base, photos: [] }, 'photos'],
    [{ ...base, points: 0 }, 'points'],
    [{ ...base, points: 1.25 }, 'points'],
    [{ ...base, points: 101 }, 'points'],
    [{ ...base, item: '乱' }, 'item'],
    [{ ...base, reason: '短' }, 'reason'],
  ] as const) {
    const answer = await cloud.api('points', 'deduct', { ...bad, requestId: rid('bad') }, 'demo-grid')
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(JSON.stringify(answer)).toContain(field)
  }
  // A photo that is not the recorder's own upload.
  expect(await cloud.api('points', 'deduct', { ...input, requestId: rid('dd') }, 'demo-grid')).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID' })
  expect(await cloud.api('points', 'deduct', { ...base, residentId: 'nobody', requestId: rid('dd') }, 'demo-grid')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  // Turned down needs a reason; withdrawn only by the one who recorded it.
  const d = await record('demo-grid', LIU, 1)
  expect(await cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'reject' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  expect(await cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'withdraw' }, 'demo-admin')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'pass' }, 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect((await ok(cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'withdraw' }, 'demo-grid'))).deduction.status).toBe('withdrawn')
  expect(await cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'pass' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  const e = await record('demo-admin', LIU, 1)
  const rejected = (await ok(cloud.api('points', 'decideDeduction', { deductionId: e.id, decision: 'reject', note: '证据不足，照片看不清' }, 'demo-grid'))).deduction
  expect(rejected).toMatchObject({ status: 'rejected', points: 0, note: '证据不足，照片看不清' })
})

test('at most what the account holds: a deduction from an empty account is a 0-point entry, and the admin can still undo it', async () => {
  const d = await record('demo-grid', LIU, 5)
  expect(await balance(LIU)).toBe(0)
  const passed = (await ok(cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'pass' }, 'demo-admin'))).deduction
  expect(passed).toMatchObject({ status: 'applied', asked: 5, points: 0 })
  const entry = (await ok(cloud.api('points', 'ledger', { residentId: LIU, kind: 'deduction' }, 'demo-admin'))).items.find((x) => x.source.id === d.id)!
  expect(entry.delta).toBe(0)
  await ok(cloud.api('points', 'reverse', { entryId: entry.id, reason: '登记错了人' }, 'demo-admin'))
  const after = (await ok(cloud.api('points', 'deductions', { residentId: LIU, status: 'revoked' }, 'demo-admin'))).items
  expect(after.find((x) => x.id === d.id)).toMatchObject({ status: 'revoked', note: '冲正：登记错了人' })
  expect(await balance(LIU)).toBe(0)
})

test('on the board like any entry, and objected to: upheld, the points come back and the deduction is revoked', async () => {
  await give(ZHANG, 3)
  const before = await balance(ZHANG)
  const d = await record('demo-admin', ZHANG, 1.5, '门前卫生不达标')
  await ok(cloud.api('points', 'decideDeduction', { deductionId: d.id, decision: 'pass' }, 'demo-grid'))
  expect(await balance(ZHANG)).toBe(before - 1.5)
  // Close the month (the functions' clock on the 1st of the next) and read the board.
  const month = monthKey(new Date())
  const next = new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY
  const firstOfNext = new Date(`${monthKey(new Date(next))}-01T03:00:00+08:00`).getTime()
  await cloud.setClock(firstOfNext - Date.now())
  try {
    await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    const board = await ok(cloud.api('governance', 'publicity', { month }, 'demo-resident-2'))
    const row = (board.items as PublicityItem[]).find((i) => i.item === '扣分：门前卫生不达标')
    expect(row).toMatchObject({ kind: 'deduction', points: -1.5, name: '张*英', category: '扣分项' })
    const entry = (await ok(cloud.api('points', 'ledger', { residentId: ZHANG, kind: 'deduction' }, 'demo-admin'))).items.find((x) => x.source.id === d.id)!
    const objection = (await ok(cloud.api('governance', 'object', { entryId: entry.id, reason: '那天她不在家，杂物不是她放的', requestId: rid('ob') }, 'demo-resident'))).objection
    await ok(cloud.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '查实不是她放的' }, 'demo-admin'))
    expect(await balance(ZHANG)).toBe(before)
    const revoked = (await ok(cloud.api('points', 'deductions', { residentId: ZHANG, status: 'revoked' }, 'demo-admin'))).items
    expect(revoked.find((x) => x.id === d.id)).toMatchObject({ status: 'revoked', note: '异议成立：查实不是她放的' })
    // Undone once: the admin's 冲正 of the same entry is refused as done (the reversal exists).
    const again = await ok(cloud.api('points', 'ledger', { residentId: ZHANG, kind: 'reversal' }, 'demo-admin'))
    expect(again.items.filter((x) => x.source.type === 'objection' && x.delta === 1.5)).toHaveLength(1)
  } finally {
    await cloud.setClock(0)
  }
})
