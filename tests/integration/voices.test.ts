/**
 * 说事 (issue 14) through the real SDK against the local cloud: each loop walked to every end state —
 * suggestions (附议 once, most supported first, answered in public, adopted → its author credited once, or closed),
 * wishes (checked before anyone sees them, masked in public, one taker under a race, fulfilled, confirmed → the taker
 * credited and the held points moved; withdrawn or rejected → the held points back), hazards (routed to the grid,
 * accepted → the reporter credited, resolved with "after" photos, confirmed; rejected with a reason; flagged to the
 * admin after three days) — plus who may see and do what, the summary and the export.
 */
import { photoBytes, upload } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud
let n = 0
const rid = (p: string) => `${p}-${++n}-voices`

const ZHANG = 'demo-r-resident' // 张秀英 (demo-resident), courtyard 1, grid 1
const LI = 'demo-r-resident-2' // 李明 (demo-resident-2), courtyard 1

beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())
afterEach(() => cloud.setClock(0))

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (action: string, input: Record<string, unknown>, openid: string) => cloud.api<any>('voices', action, input, openid)
const refused = (code: string) => ({ ok: false, code })
const balance = async (residentId: string) => ok(cloud.api<{ available: number; held: number; pending: number }>('points', 'balance', { residentId }, 'demo-admin'))
const give = (residentId: string, delta: number) => ok(cloud.api('points', 'adjust', { residentId, delta, reason: '测试起始积分', requestId: rid('adj') }, 'demo-admin'))
const outbox = async (to: string, kind: string) => (await cloud.sdk().database().collection('outbox').where({ to, kind }).get()).data as { title: string; body: string; page: string }[]
const photo = async (openid: string) => upload(cloud, openid, photoBytes(1000 + ++n))

async function post(openid: string, kind: string, extra: Record<string, unknown> = {}) {
  const photos = kind === 'hazard' ? [await photo(openid)] : undefined
  const input = { kind, title: `测试${kind}${++n}`, text: '楼道里的灯坏了好几天，晚上老人上下楼看不见', ...(kind === 'hazard' ? { place: '3号楼2单元楼道', photos } : {}), requestId: rid('post'), ...extra }
  return (await ok(api('post', input, openid))).post
}

/** `count` residents of courtyard 1 who can sign in, each in their own household. */
async function residents(prefix: string, count: number): Promise<string[]> {
  const db = cloud.sdk().database()
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
  await Promise.all(
    ids.map(async (id, i) => {
      await db.collection('orgNodes').doc(`hh-${id}`).set({ type: 'household', name: `${id}家`, parentId: 'demo-courtyard-1', communityId: 'demo-community', path: ['demo-community', 'demo-grid-1', 'demo-courtyard-1', `hh-${id}`] })
      await db.collection('residents').doc(`r-${id}`).set({ name: `王${'一二三四五六七八九十'[i % 10]}明`, openid: id, communityId: 'demo-community', gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-1', householdId: `hh-${id}` })
      await db.collection('users').doc(id).set({ name: `王${'一二三四五六七八九十'[i % 10]}明`, communityId: 'demo-community', residentId: `r-${id}`, householdId: `hh-${id}` })
    }),
  )
  return ids
}

describe('居民说事', () => {
  test('附议 once each, never one’s own; the most supported first; staff answer in public; adopted credits the author once', async () => {
    const a = await post('demo-resident', 'suggestion')
    const b = await post('demo-resident', 'suggestion')
    expect(a).toMatchObject({ status: 'open', statusName: '等回复', author: '张秀英', mine: true })
    expect(await api('support', { postId: a.id }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
    expect(await ok(api('support', { postId: b.id }, 'demo-resident-2'))).toEqual({ supports: 1, supported: true })
    // Twice changes nothing.
    expect(await ok(api('support', { postId: b.id }, 'demo-resident-2'))).toEqual({ supports: 1, supported: true })
    await ok(api('support', { postId: b.id }, 'demo-head'))
    const listed = (await ok(api('list', { kind: 'suggestion' }, 'demo-resident-2'))).items
    const ids = listed.map((p: { id: string }) => p.id)
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id))
    // Others see the author masked; the one who supported sees it so.
    expect(listed.find((p: { id: string }) => p.id === b.id)).toMatchObject({ supports: 2, supported: true, author: '张*英', may: { support: false } })

    // A resident cannot answer or decide; the grid worker answers in public; only the admin adopts.
    expect(await api('reply', { postId: b.id, text: '收到，我们去看看' }, 'demo-resident-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const answered = await ok(api('reply', { postId: b.id, text: '收到，下周议事会上讨论' }, 'demo-grid'))
    expect(answered.post).toMatchObject({ status: 'answered' })
    expect(answered.reply).toMatchObject({ text: '收到，下周议事会上讨论', role: '网格员' })
    expect(await api('decide', { postId: b.id, decision: 'adopt', note: '' }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const before = await balance(ZHANG)
    const adopted = (await ok(api('decide', { postId: b.id, decision: 'adopt', note: '议事会通过，本月实施' }, 'demo-admin'))).post
    expect(adopted).toMatchObject({ status: 'adopted', closed: true, credited: 1 })
    expect((await balance(ZHANG)).available).toBe(before.available + 1)
    expect(await api('decide', { postId: b.id, decision: 'adopt', note: '' }, 'demo-admin')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))
    expect((await balance(ZHANG)).available).toBe(before.available + 1)
    expect(await api('support', { postId: b.id }, 'demo-resident-2')).toMatchObject({ ok: true })
    expect(await api('support', { postId: b.id }, 'demo-merchant')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))

    // The author was told of the reply and of the adoption; the timeline and replies read in order.
    expect((await outbox('demo-resident', 'voice_update')).map((m) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('有了回复'), expect.stringContaining('采纳')]))
    const got = await ok(api('get', { postId: b.id }, 'demo-resident-2'))
    expect(got.timeline.map((s: { step: string }) => s.step)).toEqual(['提交', '回复', '采纳'])
    expect(got.replies).toHaveLength(1)

    // Closed with a reason (none: refused).
    expect(await api('decide', { postId: a.id, decision: 'close', note: '' }, 'demo-admin')).toMatchObject(refused('INPUT.INVALID'))
    expect((await ok(api('decide', { postId: a.id, decision: 'close', note: '已经有人提过，合并办理' }, 'demo-admin'))).post).toMatchObject({ status: 'closed', closed: true })
    expect(await api('support', { postId: a.id }, 'demo-resident-2')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))
  })

  test('a retried post writes once; a risky text is refused in Chinese; bad input answers INPUT.INVALID', async () => {
    const requestId = rid('same')
    const input = { kind: 'suggestion', title: '小区装个充电桩', text: '电动车在楼道里充电太危险了', requestId }
    const [x, y] = await Promise.all([ok(api('post', input, 'demo-resident')), ok(api('post', input, 'demo-resident'))])
    expect(x.post.id).toBe(y.post.id)
    expect(await api('post', { ...input, requestId: rid('risky'), text: '【违规测试】这是一段内容' }, 'demo-resident')).toMatchObject(refused('CONTENT.RISKY'))
    expect(await api('post', { kind: 'hazard', title: '井盖', text: '井盖没有盖好，很危险', place: '门口', requestId: rid('nophoto') }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
    expect(await api('post', { ...input, requestId: rid('offer'), offerPoints: 2 }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
    expect(await api('post', { kind: 'poem', title: '小诗', text: '写一首小诗给大家', requestId: rid('kind') }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
  })
})

describe('微心愿', () => {
  test('checked before anyone sees it; masked in public; one taker; fulfilled, confirmed: the taker credited and the held points moved, never counted as earning', async () => {
    await give(ZHANG, 10)
    const before = await balance(ZHANG)
    const wish = await post('demo-resident', 'wish', { title: '想请人帮忙修一下自行车', offerPoints: 3 })
    expect(wish).toMatchObject({ status: 'pending', offerPoints: 3 })
    // Held: still hers, not spendable.
    expect(await balance(ZHANG)).toMatchObject({ available: before.available - 3, held: 3 })
    // Nobody but her and the office sees it yet.
    expect(await api('get', { postId: wish.id }, 'demo-resident-2')).toMatchObject(refused('NOT_FOUND'))
    expect((await ok(api('list', { kind: 'wish' }, 'demo-resident-2'))).items.map((p: { id: string }) => p.id)).not.toContain(wish.id)
    expect((await outbox('demo-admin', 'voice_to_handle')).map((m) => m.title)).toContain('微心愿：想请人帮忙修一下自行车')
    expect(await api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
    const seen = (await ok(api('list', { kind: 'wish' }, 'demo-resident-2'))).items.find((p: { id: string }) => p.id === wish.id)
    expect(seen).toMatchObject({ author: '张*英', status: 'public', may: { take: true } })
    expect(await api('take', { postId: wish.id }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))

    // Ten takers at once: exactly one.
    const takers = await residents('wish-taker', 10)
    const answers = await Promise.all(takers.map((t) => api('take', { postId: wish.id }, t)))
    const won = answers.filter((a) => a.ok)
    expect(won).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(Array(9).fill('VOICE.ALREADY_TAKEN'))
    const taker = takers[answers.findIndex((a) => a.ok)]
    const takerResident = `r-${taker}`
    // Taking again is answered as it is.
    expect(await ok(api('take', { postId: wish.id }, taker))).toMatchObject({ post: { status: 'taken', takenByMe: true } })
    expect(await api('fulfil', { postId: wish.id, photos: [await photo('demo-resident-2')] }, 'demo-resident-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
    expect(await api('confirm', { postId: wish.id, rating: 5 }, 'demo-resident')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))
    await ok(api('fulfil', { postId: wish.id, note: '车胎补好了', photos: [await photo(taker)] }, taker))
    expect((await outbox('demo-resident', 'voice_update')).map((m) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('完成')]))

    const takerBefore = await balance(takerResident)
    const score = async () => (await cloud.sdk().database().collection('accounts').where({ kind: 'score', level: 'resident', nodeId: takerResident }).get()).data.reduce((s: number, d: { scoreTenths: number; period: string }) => s + (d.period.length === 4 ? d.scoreTenths : 0), 0)
    expect(await api('confirm', { postId: wish.id }, 'demo-resident')).toMatchObject(refused('INPUT.INVALID'))
    const confirmed = (await ok(api('confirm', { postId: wish.id, rating: 5, note: '谢谢！' }, 'demo-resident'))).post
    expect(confirmed).toMatchObject({ status: 'confirmed', rating: 5, credited: 5, closed: true })
    // The taker: the wish rule's 5 points and the 3 held points; only the 5 count as earning.
    expect((await balance(takerResident)).available).toBe(takerBefore.available + 8)
    expect(await score()).toBe(50)
    // The poster: the 3 are gone from the balance, nothing is held any more.
    expect(await balance(ZHANG)).toMatchObject({ available: before.available - 3, held: 0 })
    const ledger = cloud.sdk().database().collection('ledger')
    const halves = (await ledger.where({ 'source.id': wish.id, 'source.type': 'transfer' }).get()).data as { _id: string; delta: number; kind: string }[]
    expect(halves.map((e) => [e._id, e.delta, e.kind]).sort()).toEqual([[`transfer:${wish.id}:in`, 30, 'adjustment'], [`transfer:${wish.id}:out`, -30, 'adjustment']])
    // A half is never reversed alone.
    expect(await cloud.api('points', 'reverse', { entryId: `transfer:${wish.id}:in`, reason: '测试冲正一半' }, 'demo-admin')).toMatchObject(refused('INPUT.INVALID'))
    expect(await api('confirm', { postId: wish.id, rating: 4 }, 'demo-resident')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))
    expect((await balance(takerResident)).available).toBe(takerBefore.available + 8)
  })

  test('held points are not spendable: an exchange beyond what is free is refused, though the balance covers it', async () => {
    const start = (await balance(LI)).available
    await give(LI, 20 - start > 0 ? 20 - start : 1)
    const now = await balance(LI)
    const wish = await post('demo-resident-2', 'wish', { offerPoints: now.available - 1 })
    expect(await balance(LI)).toMatchObject({ available: 1, held: now.available - 1 })
    const offers = (await ok(cloud.api<{ items: { id: string; points: number; stock: number; eligibility?: Record<string, unknown> }[] }>('shop', 'offers', {}, 'demo-resident-2'))).items
    // One she could pay for from her balance, were none of it held.
    const dear = offers.find((o) => o.points > 1 && o.points <= now.available && o.stock > 0 && Object.keys(o.eligibility ?? {}).length === 0)!
    expect(await cloud.api('shop', 'exchange', { offerId: dear.id, requestId: rid('ex') }, 'demo-resident-2')).toMatchObject(refused('POINTS.INSUFFICIENT'))
    // Withdrawn: the held points are free again.
    const withdrawn = (await ok(api('withdraw', { postId: wish.id }, 'demo-resident-2'))).post
    expect(withdrawn).toMatchObject({ status: 'withdrawn', closed: true })
    expect(await balance(LI)).toMatchObject({ available: now.available, held: 0 })
    expect(await api('withdraw', { postId: wish.id }, 'demo-resident-2')).toMatchObject(refused('VOICE.INVALID_TRANSITION'))
    // More than is free: refused, nothing held.
    expect(await api('post', { kind: 'wish', title: '太多的积分', text: '想拿出很多积分来许愿', offerPoints: now.available + 1, requestId: rid('much') }, 'demo-resident-2')).toMatchObject(refused('POINTS.INSUFFICIENT'))
    expect(await balance(LI)).toMatchObject({ held: 0 })
  })

  test('rejected with a reason gives the held points back; a taken wish withdrawn tells its taker', async () => {
    await give(ZHANG, 5)
    const before = await balance(ZHANG)
    const rejected = await post('demo-resident', 'wish', { offerPoints: 2 })
    expect(await api('decide', { postId: rejected.id, decision: 'reject', note: '' }, 'demo-admin')).toMatchObject(refused('INPUT.INVALID'))
    expect((await ok(api('decide', { postId: rejected.id, decision: 'reject', note: '这件事请直接找物业办理' }, 'demo-admin'))).post).toMatchObject({ status: 'rejected' })
    expect(await balance(ZHANG)).toMatchObject({ available: before.available, held: 0 })
    expect(await api('get', { postId: rejected.id }, 'demo-resident-2')).toMatchObject(refused('NOT_FOUND'))

    const wish = await post('demo-resident', 'wish')
    await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
    await ok(api('take', { postId: wish.id }, 'demo-resident-2'))
    await ok(api('withdraw', { postId: wish.id, note: '家里人已经帮我办了' }, 'demo-resident'))
    expect((await outbox('demo-resident-2', 'voice_update')).map((m) => m.title)).toContain(`微心愿：${wish.title}`)
  })

  test('staff confirm for a poster without a phone', async () => {
    const wish = await post('demo-resident', 'wish')
    await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
    await ok(api('take', { postId: wish.id }, 'demo-resident-2'))
    await ok(api('fulfil', { postId: wish.id, photos: [await photo('demo-resident-2')] }, 'demo-resident-2'))
    expect(await api('confirm', { postId: wish.id, rating: 5 }, 'demo-merchant')).toMatchObject(refused('AUTH.FORBIDDEN'))
    expect((await ok(api('confirm', { postId: wish.id, rating: 4, note: '老人口头确认' }, 'demo-head'))).post).toMatchObject({ status: 'confirmed', rating: 4 })
  })
})

describe('随手拍', () => {
  test('routed to the grid, accepted (the reporter credited once), resolved with after photos, confirmed by the reporter', async () => {
    const before = await balance(ZHANG)
    const hazard = await post('demo-resident', 'hazard')
    expect(hazard).toMatchObject({ status: 'reported', statusName: '等网格员受理', photoCount: 1 })
    expect((await outbox('demo-grid', 'voice_to_handle')).map((m) => m.title)).toContain(`随手拍：${hazard.title}`)
    // Not public; the grid's queue has it; another courtyard's head cannot handle it.
    expect(await api('get', { postId: hazard.id }, 'demo-resident-2')).toMatchObject(refused('NOT_FOUND'))
    expect((await ok(api('list', { kind: 'hazard', queue: true }, 'demo-grid'))).items.map((p: { id: string }) => p.id)).toContain(hazard.id)
    expect((await ok(api('list', { kind: 'hazard' }, 'demo-resident'))).items.map((p: { id: string }) => p.id)).toContain(hazard.id)
    expect(await api('decide', { postId: hazard.id, decision: 'accept', note: '' }, 'demo-head-2')).toMatchObject(refused('NOT_FOUND'))
    expect(await api('decide', { postId: hazard.id, decision: 'accept', note: '' }, 'demo-head')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const accepted = (await ok(api('decide', { postId: hazard.id, decision: 'accept', note: '明天上午去换灯' }, 'demo-grid'))).post
    expect(accepted).toMatchObject({ status: 'accepted', credited: 2 })
    expect((await balance(ZHANG)).available).toBe(before.available + 2)
    expect(await api('decide', { postId: hazard.id, decision: 'resolve', note: '换好了' }, 'demo-grid')).toMatchObject(refused('INPUT.INVALID'))
    const resolved = (await ok(api('decide', { postId: hazard.id, decision: 'resolve', note: '灯换好了', photos: [await photo('demo-grid')] }, 'demo-grid'))).post
    // Only the reporter confirms the result (the grid worker does not sign off their own work).
    expect(resolved).toMatchObject({ status: 'resolved', may: { confirm: false } })
    expect(await api('confirm', { postId: hazard.id }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
    const seen = await ok(api('get', { postId: hazard.id }, 'demo-resident'))
    expect(seen.post.may.confirm).toBe(true)
    expect(seen.timeline.map((s: { step: string }) => s.step)).toEqual(['提交', '受理', '处理完毕'])
    expect(seen.timeline[2].photoUrls).toHaveLength(1)
    expect((await outbox('demo-resident', 'voice_update')).map((m) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('处理完毕')]))
    expect((await ok(api('confirm', { postId: hazard.id }, 'demo-resident'))).post).toMatchObject({ status: 'confirmed', closed: true })
    expect((await balance(ZHANG)).available).toBe(before.available + 2)
  })

  test('rejected with a reason, no credit; waiting more than three days is flagged to the admin once', async () => {
    const before = await balance(ZHANG)
    const notOne = await post('demo-resident', 'hazard')
    expect((await ok(api('decide', { postId: notOne.id, decision: 'reject', note: '这是正常施工，已设围挡' }, 'demo-grid'))).post).toMatchObject({ status: 'rejected', closed: true })
    expect((await balance(ZHANG)).available).toBe(before.available)

    const waiting = await post('demo-resident', 'hazard', { title: '路口井盖松动' })
    cloud.setClock(3 * DAY + 3600_000)
    const admin = async () => (await outbox('demo-admin', 'voice_to_handle')).filter((m) => m.title.includes('路口井盖松动'))
    const tick = await ok(cloud.api<{ overdue: number }>('jobs', 'tick', {}, null))
    expect(tick.overdue).toBeGreaterThanOrEqual(1)
    expect(await admin()).toHaveLength(1)
    await ok(cloud.api('jobs', 'tick', {}, null))
    expect(await admin()).toHaveLength(1)
    expect((await ok(api('get', { postId: waiting.id }, 'demo-admin'))).post).toMatchObject({ overdue: true })
  })
})

test('the admin’s summary counts each kind, its closed ones and the median time to close; the month exports to Excel', async () => {
  const rows = async () => Object.fromEntries((await ok(api('summary', {}, 'demo-admin'))).rows.map((r: { kind: string }) => [r.kind, r])) as Record<string, { total: number; closed: number; open: number; medianHours: number | null }>
  const before = await rows()
  await post('demo-resident', 'suggestion')
  const hazard = await post('demo-resident', 'hazard')
  await ok(api('decide', { postId: hazard.id, decision: 'reject', note: '已经有人报过了' }, 'demo-grid'))
  const after = await rows()
  expect(after.suggestion).toMatchObject({ total: before.suggestion.total + 1, open: before.suggestion.open + 1 })
  expect(after.hazard).toMatchObject({ total: before.hazard.total + 1, closed: before.hazard.closed + 1 })
  expect(after.hazard.medianHours).not.toBeNull()
  expect(await api('summary', {}, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7)
  const { file } = await ok(api('export', { month }, 'demo-admin'))
  expect(file.fileName).toBe(`说事台账-${month}.xlsx`)
  const ExcelJS = (await import('exceljs')).default
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (await fetch(file.url)).arrayBuffer())
  expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '居民说事', '微心愿', '随手拍'])
  // Names leave the system masked.
  const authors = book.getWorksheet('居民说事')!.getColumn(5).values.filter((v) => typeof v === 'string' && v !== '提出人')
  expect(authors).toContain('张*英')
  expect(authors).not.toContain('张秀英')
})

test('a privacy deletion withdraws the open wishes (the held points back), clears the words, photos and name of the posts, and removes the 附议', async () => {
  const [who] = await residents('leaving', 1)
  await give(`r-${who}`, 6)
  const wish = await post(who, 'wish', { offerPoints: 4 })
  const suggestion = await post('demo-resident', 'suggestion')
  await ok(api('support', { postId: suggestion.id }, who))
  const hazard = await post(who, 'hazard')
  expect((await balance(`r-${who}`)).held).toBe(4)
  const request = (await ok(cloud.api<{ request: { id: string } }>('user', 'requestDeletion', { requestId: rid('del') }, who))).request
  await ok(cloud.api('org', 'processDeletion', { deletionId: request.id }, 'demo-admin'))
  const db = cloud.sdk().database()
  const stored = (await db.collection('voices').doc(wish.id).get()).data[0]
  expect(stored).toMatchObject({ status: 'withdrawn', text: '', photos: [], author: { name: '已注销居民' } })
  expect((await db.collection('accounts').doc(`res:r-${who}`).get()).data[0]).toMatchObject({ heldTenths: 0 })
  expect((await db.collection('voices').doc(hazard.id).get()).data[0]).toMatchObject({ text: '', photos: [], pinned: [] })
  expect((await db.collection('voiceSupports').where({ openid: who }).get()).data).toHaveLength(0)
  expect((await ok(api('get', { postId: suggestion.id }, 'demo-resident'))).post.supports).toBe(1)
})

test('a published wish goes first to the party members and the volunteers, not to its poster', async () => {
  const db = cloud.sdk().database()
  await db.collection('residents').doc(LI).update({ partyMember: true })
  const [volunteer] = await residents('volunteer', 1)
  await db.collection('teams').doc('team-voices').set({ communityId: 'demo-community', name: '测试服务队', leaderId: `r-${volunteer}`, memberIds: [`r-${volunteer}`, ZHANG], createdAt: '', updatedAt: '' })
  const wish = await post('demo-resident', 'wish', { title: '想找人陪我去医院复查' })
  await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
  const told = async (openid: string) => (await outbox(openid, 'voice_to_handle')).filter((m) => m.title === '有一个新的微心愿：想找人陪我去医院复查')
  expect(await told('demo-resident-2')).toHaveLength(1)
  expect(await told(volunteer)).toHaveLength(1)
  expect(await told('demo-resident')).toHaveLength(0)
  await db.collection('residents').doc(LI).update({ partyMember: false })
})

test('代说事: a 院长 posts a wish for 刘福贵 (no phone) from his points, finds it among hers, and confirms it for him', async () => {
  const LIU = 'demo-r-liu'
  await give(LIU, 4)
  const before = await balance(LIU)
  expect(await api('post', { kind: 'wish', title: '想请人帮我换个灯泡', text: '家里厨房灯泡坏了，够不着', onBehalfOf: LIU, requestId: rid('proxy') }, 'demo-head-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
  expect(await api('post', { kind: 'wish', title: '想请人帮我换个灯泡', text: '家里厨房灯泡坏了，够不着', onBehalfOf: LIU, requestId: rid('proxy') }, 'demo-resident-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
  const wish = await post('demo-head', 'wish', { title: '想请人帮我换个灯泡', onBehalfOf: LIU, offerPoints: 2 })
  expect(wish).toMatchObject({ author: '刘福贵', proxy: expect.stringMatching(/^院长/), mine: true })
  expect(await balance(LIU)).toMatchObject({ available: before.available - 2, held: 2 })
  expect((await ok(api('list', { kind: 'wish', mine: true }, 'demo-head'))).items.map((p: { id: string }) => p.id)).toContain(wish.id)
  await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
  expect(await api('take', { postId: wish.id }, 'demo-head')).toMatchObject(refused('INPUT.INVALID'))
  await ok(api('take', { postId: wish.id }, 'demo-resident-2'))
  await ok(api('fulfil', { postId: wish.id, photos: [await photo('demo-resident-2')] }, 'demo-resident-2'))
  expect((await outbox('demo-head', 'voice_update')).map((m) => m.title)).toContain('微心愿：想请人帮我换个灯泡')
  await ok(api('confirm', { postId: wish.id, rating: 5 }, 'demo-head'))
  expect(await balance(LIU)).toMatchObject({ available: before.available - 2, held: 0 })
})

test('every word of a step is screened: a risky note on a confirmation or a withdrawal is refused and nothing moves', async () => {
  const wish = await post('demo-resident', 'wish')
  expect(await api('withdraw', { postId: wish.id, note: '【违规测试】不要了' }, 'demo-resident')).toMatchObject(refused('CONTENT.RISKY'))
  await ok(api('decide', { postId: wish.id, decision: 'publish', note: '' }, 'demo-admin'))
  await ok(api('take', { postId: wish.id }, 'demo-resident-2'))
  expect(await api('reply', { postId: wish.id, text: '【违规测试】回复' }, 'demo-admin')).toMatchObject(refused('CONTENT.RISKY'))
  await ok(api('fulfil', { postId: wish.id, photos: [await photo('demo-resident-2')] }, 'demo-resident-2'))
  expect(await api('confirm', { postId: wish.id, rating: 5, note: '【违规测试】谢谢' }, 'demo-resident')).toMatchObject(refused('CONTENT.RISKY'))
  expect((await ok(api('get', { postId: wish.id }, 'demo-resident'))).post.status).toBe('fulfilled')
})
