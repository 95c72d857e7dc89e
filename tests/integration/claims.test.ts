import type { Claim } from '../../src/core/claim-input'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

let photoSeed = 1000
const freshPhoto = (openid: string) => upload(cloud, openid, photoBytes(photoSeed++))
type Answer = { ok: true; data: { claim: Claim } } | { ok: false; code: string; message: string }
const submit = (openid: string, over: Record<string, unknown>) => cloud.api('claims', 'submit', buildClaim(over), openid) as Promise<Answer>
const review = (openid: string, claimId: string, decision: string, reason?: string) =>
  cloud.api('claims', 'review', { claimId, decision, ...(reason ? { reason } : {}) }, openid) as Promise<Answer>
const claimOf = (a: Answer) => {
  if (!a.ok) throw new Error(`${a.code} ${a.message}`)
  return a.data.claim
}
const balance = async (openid: string) => {
  const a = await cloud.api('points', 'balance', {}, openid)
  if (!a.ok) throw new Error(a.message)
  return a.data
}

describe('a claim from photo to points', () => {
  test('resident claims, head passes, grid worker approves, points land in the ledger', async () => {
    const photo = await freshPhoto('demo-resident')
    const claim = claimOf(await submit('demo-resident', { photos: [photo] }))
    expect(claim).toMatchObject({ status: 'submitted', step: 'head', points: 1, ruleName: '清扫院落及门前卫生', residentName: '张秀英', proxy: null, duplicates: [] })

    const headQueue = await cloud.api('claims', 'queue', {}, 'demo-head')
    expect(headQueue.ok && headQueue.data.items.map((c) => c.id)).toContain(claim.id)
    expect(claimOf(await review('demo-head', claim.id, 'pass'))).toMatchObject({ status: 'pre_approved', step: 'grid' })

    const gridQueue = await cloud.api('claims', 'queue', {}, 'demo-grid')
    expect(gridQueue.ok && gridQueue.data.items.map((c) => c.id)).toContain(claim.id)
    // The grid worker's card says which head passed it (院长先看) from the queue itself, with no read per claim.
    expect(gridQueue.ok && gridQueue.data.items.find((c) => c.id === claim.id)?.headPass).toMatchObject({ byName: '王建国', at: expect.any(String) })
    expect(headQueue.ok && headQueue.data.items.find((c) => c.id === claim.id)?.headPass).toBeUndefined()
    const before = await balance('demo-resident')
    expect(claimOf(await review('demo-grid', claim.id, 'pass'))).toMatchObject({ status: 'approved', step: null })
    expect((await balance('demo-resident')).available).toBe(before.available + 1)

    const ledger = await cloud.api('points', 'ledger', {}, 'demo-resident')
    expect(ledger.ok && ledger.data.items[0]).toMatchObject({ delta: 1, kind: 'credit', source: { type: 'claim', id: claim.id }, operator: '陈静', note: '清扫院落及门前卫生' })

    const detail = await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-resident')
    if (!detail.ok) throw new Error(detail.message)
    expect(detail.data.history.map((h) => `${h.step}:${h.decision}:${h.byName}`)).toEqual(['submit:submit:张秀英', 'head:pass:王建国', 'grid:pass:陈静'])
    expect((await fetch(detail.data.photoUrls[0])).status).toBe(200)

    // The notifications reached the head, the grid worker and the resident (recorded locally).
    const { deliveries } = (await (await fetch(`${cloud.url}/_emulator/deliveries`)).json()) as { deliveries: { message: { touser: string } }[] }
    const to = deliveries.map((d) => d.message.touser)
    expect(to).toEqual(expect.arrayContaining(['demo-head', 'demo-grid', 'demo-resident']))
  })

  test('ten concurrent final approvals credit exactly once', async () => {
    const claim = claimOf(await submit('demo-resident-2', { photos: [await freshPhoto('demo-resident-2')] }))
    claimOf(await review('demo-head', claim.id, 'pass'))
    const before = (await balance('demo-resident-2')).available
    const answers = await Promise.all(Array.from({ length: 10 }, () => review('demo-grid', claim.id, 'pass')))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    for (const a of answers.filter((x) => !x.ok)) expect(a).toMatchObject({ code: 'CLAIM.INVALID_TRANSITION' })
    expect((await balance('demo-resident-2')).available).toBe(before + 1)
    const entries = await cloud.sdk().database().collection('ledger').where({ 'source.id': claim.id }).get()
    expect(entries.data).toHaveLength(1)
  })

  test('a retried submit with the same requestId answers the same claim and writes nothing more', async () => {
    const input = { photos: [await freshPhoto('demo-resident')], requestId: 'retry-me-123456' }
    const first = claimOf(await submit('demo-resident', input))
    const again = claimOf(await submit('demo-resident', input))
    expect(again).toEqual(first)
    const stored = await cloud.sdk().database().collection('claims').where({ residentId: 'demo-r-resident', description: first.description, createdAt: first.createdAt }).get()
    expect(stored.data).toHaveLength(1)
  })

  test('points and identity forged in the payload are ignored', async () => {
    const claim = claimOf(await submit('demo-resident', { photos: [await freshPhoto('demo-resident')], points: 999, pointsTenths: 9990, residentId: 'demo-r-resident-2', status: 'approved', openid: 'demo-admin' }))
    expect(claim).toMatchObject({ points: 1, residentId: 'demo-r-resident', status: 'submitted' })
  })
})

describe('evidence', () => {
  test('a rule that needs photos refuses a claim without one', async () => {
    expect(await submit('demo-resident', { photos: [] })).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_REQUIRED' })
  })

  test('a photo from someone else’s folder is refused', async () => {
    const theirs = await freshPhoto('demo-resident-2')
    expect(await submit('demo-resident', { photos: [theirs] })).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID', message: expect.stringContaining('不是您本人') })
  })

  test('a file that is not an image by its bytes is refused, whatever its name', async () => {
    // POST /upload refuses it at once (hardening-local-cloud.test.ts); the mini-program writes to cloud storage directly,
    // where nothing looks at the bytes, so the claim checks them again.
    const { fileID: fake } = await cloud.sdk().uploadFile({ cloudPath: 'evidence/demo-resident/fake.jpg', fileContent: Buffer.from('this is a text file, not a photo') })
    expect(await submit('demo-resident', { photos: [fake] })).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID', message: expect.stringContaining('不是照片') })
  })

  test('a photo that does not exist is refused', async () => {
    expect(await submit('demo-resident', { photos: ['cloud://local.local-local-bucket/evidence/demo-resident/missing.png'] })).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID' })
  })

  test('a deed in the future or more than 31 days ago is refused', async () => {
    const photos = [await freshPhoto('demo-resident')]
    expect(await submit('demo-resident', { photos, occurredAt: new Date(Date.now() + 86_400_000).toISOString() })).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await submit('demo-resident', { photos, occurredAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('the same photo bytes on another claim are flagged to the reviewer, not silently accepted', async () => {
    const bytes = photoBytes(424242)
    const first = claimOf(await submit('demo-resident', { photos: [await upload(cloud, 'demo-resident', bytes)] }))
    const second = claimOf(await submit('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', bytes)] }))
    expect(first.duplicates).toEqual([])
    // 李明 is told the photo was used before, not whose or which claim; the head reviewing it is told both.
    expect(second.duplicates).toEqual([{ photo: expect.any(String), at: expect.any(String) }])
    const forHead = await cloud.api('claims', 'get', { claimId: second.id }, 'demo-head')
    expect(forHead.ok && forHead.data.claim.duplicates).toEqual([expect.objectContaining({ claimId: first.id, residentName: '张秀英' })])
  })
})

describe('review rules', () => {
  test('reject and return need a reason; a returned claim comes back with more evidence', async () => {
    const claim = claimOf(await submit('demo-resident', { photos: [await freshPhoto('demo-resident')] }))
    expect(await review('demo-head', claim.id, 'return')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(claimOf(await review('demo-head', claim.id, 'return', '照片不清楚，请重新拍一张'))).toMatchObject({ status: 'returned', step: null })
    const again = await cloud.api('claims', 'resubmit', { claimId: claim.id, photos: [await freshPhoto('demo-resident')], requestId: 'resubmit-1-abcdef' }, 'demo-resident')
    expect(again).toMatchObject({ ok: true, data: { claim: { status: 'submitted', step: 'head' } } })
    expect(claimOf(await review('demo-head', claim.id, 'reject', '不属于积分细则范围'))).toMatchObject({ status: 'rejected' })
    expect(await review('demo-grid', claim.id, 'pass')).toMatchObject({ ok: false, code: 'CLAIM.INVALID_TRANSITION' })
  })

  test('a head’s own claim goes straight to the grid worker', async () => {
    const claim = claimOf(await submit('demo-head', { photos: [await freshPhoto('demo-head')] }))
    expect(claim).toMatchObject({ status: 'pre_approved', step: 'grid' })
    expect(await review('demo-head', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('a head files for a resident without a phone; the proxy is recorded and the claim goes to the grid worker', async () => {
    const claim = claimOf(await submit('demo-head', { photos: [await freshPhoto('demo-head')], onBehalfOf: 'demo-r-liu', description: '刘大爷帮邻居清扫院子' }))
    expect(claim).toMatchObject({ residentName: '刘福贵', proxy: { name: '王建国' }, status: 'pre_approved' })
    // The proxy's openid is answered to the proxy alone (their page knows the claim is theirs to withdraw).
    expect(await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-head')).toMatchObject({ ok: true, data: { claim: { proxy: { openid: 'demo-head', name: '王建国' } } } })
    const forGrid = await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-grid')
    expect(forGrid.ok && forGrid.data.claim.proxy).toEqual({ name: '王建国' })
    expect(claimOf(await review('demo-grid', claim.id, 'pass'))).toMatchObject({ status: 'approved' })
    const mine = await cloud.api('claims', 'mine', { filedForOthers: true }, 'demo-head')
    expect(mine.ok && mine.data.items.map((c) => c.id)).toContain(claim.id)
  })

  test('a resident cannot file for someone else, and a head only for their own courtyard', async () => {
    const photos = [await freshPhoto('demo-resident')]
    expect(await submit('demo-resident', { photos, onBehalfOf: 'demo-r-liu' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await submit('demo-head-2', { photos: [await freshPhoto('demo-head-2')], onBehalfOf: 'demo-r-liu' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('a head of another courtyard, a resident, a merchant or the grid worker at the head step cannot review', async () => {
    const claim = claimOf(await submit('demo-resident', { photos: [await freshPhoto('demo-resident')] }))
    expect(await review('demo-head-2', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await review('demo-grid', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await review('demo-resident-2', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await review('demo-merchant', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-head')).toMatchObject({ ok: true })
    expect(await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-admin')).toMatchObject({ ok: true })
  })

  test('the monthly cap counts submitted, pre-approved and approved claims; a withdrawn one frees its place', async () => {
    const brave = (n: number) => submit('demo-resident-2', { ruleId: 'rule-brave', photos: [], requestId: `brave-${n}-0123456789` })
    const photo = async () => [await freshPhoto('demo-resident-2')]
    const first = claimOf(await submit('demo-resident-2', { ruleId: 'rule-brave', photos: await photo() }))
    expect(await submit('demo-resident-2', { ruleId: 'rule-brave', photos: await photo() })).toMatchObject({ ok: false, code: 'CLAIM.CAP_REACHED' })
    expect(await brave(1)).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_REQUIRED' })
    expect(await cloud.api('claims', 'withdraw', { claimId: first.id }, 'demo-resident-2')).toMatchObject({ ok: true, data: { claim: { status: 'withdrawn' } } })
    expect(claimOf(await submit('demo-resident-2', { ruleId: 'rule-brave', photos: await photo() }))).toMatchObject({ status: 'submitted' })
  })
})

describe('corrections', () => {
  test('the admin reverses a wrongly approved credit: a new entry, the balance and scores go back, once', async () => {
    const claim = claimOf(await submit('demo-resident-2', { ruleId: 'rule-clear-clutter', photos: [await freshPhoto('demo-resident-2')] }))
    claimOf(await review('demo-head', claim.id, 'pass'))
    claimOf(await review('demo-grid', claim.id, 'pass'))
    const before = await balance('demo-resident-2')
    const reversal = await cloud.api('points', 'reverse', { entryId: `claim:${claim.id}`, reason: '核实后不属实' }, 'demo-admin')
    expect(reversal).toMatchObject({ ok: true, data: { entry: { delta: -2, kind: 'reversal', note: expect.stringContaining('核实后不属实') } } })
    expect(await cloud.api('points', 'reverse', { entryId: `claim:${claim.id}`, reason: '核实后不属实' }, 'demo-admin')).toEqual(reversal)
    const after = await balance('demo-resident-2')
    expect(after.available).toBe(before.available - 2)
    expect(after.household).toBe(before.household - 2)
    // The original entry is still there, unchanged: corrections never edit.
    const original = await cloud.sdk().database().collection('ledger').doc(`claim:${claim.id}`).get()
    expect(original.data[0]).toMatchObject({ delta: 20, kind: 'credit' })
    if (reversal.ok) expect(await cloud.api('points', 'reverse', { entryId: reversal.data.entry.id, reason: '再冲一次' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await cloud.api('points', 'reverse', { entryId: `claim:${claim.id}`, reason: '越权' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })
})

describe('a disabled item', () => {
  test('stays readable on the claims that used it, and takes no new claims', async () => {
    const claim = claimOf(await submit('demo-resident-2', { ruleId: 'rule-repair', photos: [await freshPhoto('demo-resident-2')] }))
    expect(await cloud.api('rules', 'disable', { ruleId: 'rule-repair' }, 'demo-admin')).toMatchObject({ ok: true })
    const detail = await cloud.api('claims', 'get', { claimId: claim.id }, 'demo-resident-2')
    expect(detail).toMatchObject({ ok: true, data: { claim: { ruleName: '参与小区设施维修', points: 2, categoryName: '小区建设' } } })
    expect(await submit('demo-resident-2', { ruleId: 'rule-repair', photos: [await freshPhoto('demo-resident-2')] })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await cloud.api('rules', 'disable', { ruleId: 'rule-repair', enabled: true }, 'demo-admin')
  })
})

describe('another community', () => {
  test('sees none of these claims, ledgers or residents', async () => {
    const db = cloud.sdk().database()
    await db.collection('orgNodes').doc('bz').set({ type: 'community', name: '斑竹村', parentId: null, communityId: 'bz', path: ['bz'] })
    await db.collection('users').doc('bz-admin').set({ name: '何书记', communityId: 'bz', residentId: null, roles: [{ role: 'admin', nodeId: 'bz' }] })
    const claim = claimOf(await submit('demo-resident', { photos: [await freshPhoto('demo-resident')] }))
    expect(await cloud.api('claims', 'get', { claimId: claim.id }, 'bz-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('points', 'ledger', { residentId: 'demo-r-resident' }, 'bz-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 5, reason: '越界', requestId: 'cross-adjust-1' }, 'bz-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const board = await cloud.api('points', 'leaderboard', { level: 'resident', period: 'year', key: String(new Date().getFullYear()) }, 'bz-admin')
    expect(board).toEqual({ ok: true, data: { items: [] } })
  })
})

describe('balances and rankings', () => {
  test('the leaderboard ranks by score; residents see others’ names masked, reviewers see them whole', async () => {
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())
    const board = await cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'demo-resident-2')
    if (!board.ok) throw new Error(board.message)
    expect(board.data.items.length).toBeGreaterThan(0)
    expect(board.data.items.map((i) => i.rank)).toEqual(board.data.items.map((_, i) => i + 1))
    const scores = board.data.items.map((i) => i.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
    expect(board.data.items.map((i) => i.name)).toContain('张*英')
    const forHead = await cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'demo-head')
    expect(forHead.ok && forHead.data.items.map((i) => i.name)).toContain('张秀英')
    const courtyards = await cloud.api('points', 'leaderboard', { level: 'courtyard', period: 'month', key: month }, 'demo-resident')
    expect(courtyards.ok && courtyards.data.items[0]).toMatchObject({ name: '莲花新区1排3号院' })
    expect(await cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: '2026-13' }, 'demo-resident')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('a head sees their 院长积分: the courtyard’s score this month', async () => {
    const head = await balance('demo-head')
    expect(head.courtyardScore).toBeGreaterThan(0)
    expect((await balance('demo-resident')).courtyardScore).toBeUndefined()
  })

  test('an admin adjusts with a reason; a retried requestId posts once; nobody else may adjust', async () => {
    const before = (await balance('demo-resident')).available
    const input = { residentId: 'demo-r-resident', delta: 2.5, reason: '补记上月义务劳动', requestId: 'adjust-req-000001' }
    const first = await cloud.api('points', 'adjust', input, 'demo-admin')
    expect(first).toMatchObject({ ok: true, data: { entry: { delta: 2.5, kind: 'adjustment', note: '补记上月义务劳动' } } })
    expect(await cloud.api('points', 'adjust', input, 'demo-admin')).toEqual(first)
    expect((await balance('demo-resident')).available).toBe(before + 2.5)
    expect(await cloud.api('points', 'adjust', { ...input, requestId: 'adjust-req-000002', delta: -1000 }, 'demo-admin')).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
    expect(await cloud.api('points', 'adjust', { ...input, requestId: 'adjust-req-000003' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('points', 'ledger', { residentId: 'demo-r-resident' }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('points', 'ledger', { residentId: 'demo-r-resident' }, 'demo-admin')).toMatchObject({ ok: true })
  })
})
