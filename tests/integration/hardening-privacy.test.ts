/**
 * Who sees whose name, as a table: every answer that shows a person or a household × every kind of viewer, through
 * the real SDK. A full name (张秀英) or household name (张秀英家) appears exactly where the viewer may see it — the person
 * themselves (and their household), the community's admin, the head of the person's courtyard, the grid worker of
 * their grid — and is masked everywhere else (张*英, 张*英家): for other residents, heads of other courtyards and
 * merchant clerks. A photo's other user is named (with the claim to open) only to those; the others read that the
 * photo was used before. No openid reaches a viewer who may not see its person, and no id carries an invite code.
 *
 * The expectations come from this file's own table of who stands where, not from the code under test. A new answer
 * that shows people is one more row of ANSWERS.
 */
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
const QIAN = 'privacy-qian-xiulan'

interface Person {
  name: string
  household: string
  masked: string
  courtyard: 1 | 2
  openid: string | null
}

/** The people of the scenario: the demo's, and 钱秀兰, who joins courtyard 2 with an invite. */
const PEOPLE: Person[] = [
  { name: '张秀英', household: '张秀英家', masked: '张*英', courtyard: 1, openid: 'demo-resident' },
  { name: '李明', household: '李明家', masked: '李*', courtyard: 1, openid: 'demo-resident-2' },
  { name: '王建国', household: '王建国家', masked: '王*国', courtyard: 1, openid: 'demo-head' },
  { name: '刘福贵', household: '刘福贵家', masked: '刘*贵', courtyard: 1, openid: null },
  { name: '赵桂兰', household: '赵桂兰家', masked: '赵*兰', courtyard: 2, openid: 'demo-head-2' },
  { name: '钱秀兰', household: '钱秀兰家', masked: '钱*兰', courtyard: 2, openid: QIAN },
]
const ALL_NAMES = PEOPLE.map((p) => p.name)
const ALL_HOUSEHOLDS = PEOPLE.map((p) => p.household)

interface Viewer {
  label: string
  openid: string
  /** Whether this viewer may see the person's name (and their household's) in full. */
  sees: (p: Person) => boolean
}

const VIEWERS: Viewer[] = [
  { label: 'resident 张秀英', openid: 'demo-resident', sees: (p) => p.name === '张秀英' },
  { label: 'resident 李明', openid: 'demo-resident-2', sees: (p) => p.name === '李明' },
  { label: 'resident of courtyard 2 (钱秀兰)', openid: QIAN, sees: (p) => p.name === '钱秀兰' },
  { label: 'head of courtyard 1 (王建国)', openid: 'demo-head', sees: (p) => p.courtyard === 1 },
  { label: 'head of courtyard 2 (赵桂兰)', openid: 'demo-head-2', sees: (p) => p.courtyard === 2 },
  { label: 'grid worker', openid: 'demo-grid', sees: () => true },
  { label: 'merchant clerk', openid: 'demo-merchant', sees: () => false },
  { label: 'admin', openid: 'demo-admin', sees: () => true },
]

/** Staff who are not residents here: only they themselves and the admin may see their openid. */
const STAFF_OPENIDS = ['demo-grid', 'demo-admin', 'demo-merchant']
const ALL_OPENIDS = [...PEOPLE.map((p) => p.openid).filter((o): o is string => !!o), ...STAFF_OPENIDS]
const seesOpenid = (v: Viewer, openid: string) => openid === v.openid || v.openid === 'demo-admin' || PEOPLE.some((p) => p.openid === openid && v.sees(p))
/** An openid as a whole word: demo-grid, not demo-grid-1 (the grid's node id) nor demo-r-head (a resident id). */
const openidIn = (json: string, openid: string) => new RegExp(`(?<![\\w-])${openid.replace(/-/g, '\\-')}(?![\\w-])`).test(json)

// What the scenario makes, for the rows.
let cloud: TestCloud
let month = ''
let today = ''
const ids = { claimA: '', claimB: '', claimC: '', voucher: '', code: '', entryOfZhang: '', inviteCodes: [] as string[] }
let redeemAnswer: ApiAnswer<unknown>

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}
const call = (fn: string, action: string, input: Record<string, unknown>, openid: string) => cloud.api(fn, action, input, openid)

interface Row {
  answer: string
  /** Who may call it at all (default everyone); the others must be refused. */
  who?: string[]
  call: (v: Viewer) => Promise<ApiAnswer<unknown>>
  /** The names and household names the answer shows this viewer: in full if allowed, else masked. */
  shows: (v: Viewer) => string[]
  /** Shown only to a viewer allowed to see them, not even masked to the others; with the ids that go with them. */
  hides?: (v: Viewer) => { name: string; ids: string[] }[]
  /** People named here as officials acting in office (a reviewer in a claim's history): not what this row checks. */
  officials?: string[]
}

const everyone = (names: string[]) => () => names

const ANSWERS: Row[] = [
  { answer: 'points.leaderboard resident/month', call: (v) => call('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, v.openid), shows: everyone(ALL_NAMES) },
  { answer: 'points.leaderboard resident/year', call: (v) => call('points', 'leaderboard', { level: 'resident', period: 'year', key: month.slice(0, 4) }, v.openid), shows: everyone(ALL_NAMES) },
  { answer: 'points.leaderboard household/month', call: (v) => call('points', 'leaderboard', { level: 'household', period: 'month', key: month }, v.openid), shows: everyone(ALL_HOUSEHOLDS) },
  { answer: 'points.leaderboard household/year', call: (v) => call('points', 'leaderboard', { level: 'household', period: 'year', key: month.slice(0, 4) }, v.openid), shows: everyone(ALL_HOUSEHOLDS) },
  { answer: 'governance.honours', call: (v) => call('governance', 'honours', { year: month.slice(0, 4) }, v.openid), shows: everyone(ALL_NAMES) },
  { answer: 'governance.publicity (board and rankings)', call: (v) => call('governance', 'publicity', { month }, v.openid), shows: everyone([...ALL_NAMES, ...ALL_HOUSEHOLDS]) },
  // The one entry (张秀英's), and the month's rankings that come with it.
  { answer: 'governance.publicity entryId (the objection form)', call: (v) => call('governance', 'publicity', { month, entryId: ids.entryOfZhang }, v.openid), shows: everyone([...ALL_NAMES, ...ALL_HOUSEHOLDS]) },
  { answer: 'governance.lists red', call: (v) => call('governance', 'lists', { list: 'red' }, v.openid), shows: everyone(['张秀英', '李明家', '赵桂兰']) },
  { answer: 'governance.inspections', call: (v) => call('governance', 'inspections', { month }, v.openid), shows: everyone([]) },
  { answer: 'governance.dashboard', who: ['demo-grid', 'demo-admin'], call: (v) => call('governance', 'dashboard', { year: month.slice(0, 4) }, v.openid), shows: everyone([]) },
  {
    answer: 'governance.partyReport',
    who: ['demo-admin'],
    call: (v) => call('governance', 'partyReport', { quarter: `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}` }, v.openid),
    shows: everyone(['张秀英']),
  },
  {
    answer: 'governance.objections mine',
    call: (v) => call('governance', 'objections', { mine: true }, v.openid),
    shows: (v) => (v.openid === 'demo-resident-2' ? ['张秀英'] : v.openid === 'demo-head-2' ? ['钱秀兰'] : []),
  },
  { answer: 'governance.objections (the admin’s queue)', who: ['demo-admin'], call: (v) => call('governance', 'objections', {}, v.openid), shows: everyone(['张秀英', '钱秀兰', '李明', '赵桂兰']) },
  {
    answer: 'claims.get of 张秀英’s reviewed claim',
    who: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'],
    call: (v) => call('claims', 'get', { claimId: ids.claimA }, v.openid),
    shows: everyone(['张秀英']),
    officials: ['王建国'],
  },
  {
    answer: 'claims.get of 李明’s claim reusing her photo',
    who: ['demo-resident-2', 'demo-head', 'demo-grid', 'demo-admin'],
    call: (v) => call('claims', 'get', { claimId: ids.claimB }, v.openid),
    shows: everyone(['李明']),
    hides: () => [{ name: '张秀英', ids: [ids.claimA] }],
  },
  {
    answer: 'claims.queue',
    who: ['demo-head', 'demo-head-2', 'demo-grid'],
    call: (v) => call('claims', 'queue', {}, v.openid),
    shows: (v) => (v.openid === 'demo-head' ? ['李明'] : v.openid === 'demo-head-2' ? ['钱秀兰'] : []),
    hides: (v) => (v.openid === 'demo-grid' ? [] : [{ name: '张秀英', ids: [ids.claimA] }]),
  },
  {
    answer: 'claims.mine',
    call: (v) => call('claims', 'mine', {}, v.openid),
    shows: (v) => PEOPLE.filter((p) => p.openid === v.openid).map((p) => p.name),
    hides: (v) => (v.openid === 'demo-resident-2' || v.openid === QIAN ? [{ name: '张秀英', ids: [ids.claimA] }] : []),
  },
  { answer: 'shop.voucher', who: ['demo-resident', 'demo-merchant', 'demo-admin'], call: (v) => call('shop', 'voucher', { voucherId: ids.voucher }, v.openid), shows: everyone(['张秀英']) },
  {
    answer: 'shop.redeem',
    who: ['demo-merchant'],
    // Redeemed once, by the clerk, in the scenario; anyone else trying the code is refused.
    call: async (v) => (v.openid === 'demo-merchant' ? redeemAnswer : call('shop', 'redeem', { code: ids.code }, v.openid)),
    shows: everyone(['张秀英']),
  },
  {
    answer: 'shop.redemptions',
    who: ['demo-merchant', 'demo-admin'],
    call: (v) => call('shop', 'redemptions', { day: today, ...(v.openid === 'demo-admin' ? { merchantId: 'demo-merchant-shanzhi' } : {}) }, v.openid),
    shows: everyone(['张秀英']),
  },
  { answer: 'shop.vouchers', call: (v) => call('shop', 'vouchers', {}, v.openid), shows: (v) => (v.openid === 'demo-resident' ? ['张秀英'] : []) },
]

/** The full-name and masked-name checks of one answer for one viewer. */
function expectNames(json: string, row: Row, v: Viewer) {
  const shown = row.shows(v)
  const hidden = row.hides?.(v) ?? []
  for (const p of PEOPLE) {
    if (row.officials?.includes(p.name)) continue
    const allowed = v.sees(p)
    const asPerson = shown.includes(p.name) || hidden.some((h) => h.name === p.name)
    const asHousehold = shown.includes(p.household)
    // A household's name holds the person's: 李明家 shows 李明.
    expect({ name: p.name, present: json.includes(p.name) }).toEqual({ name: p.name, present: allowed && (asPerson || asHousehold) })
    expect({ name: p.household, present: json.includes(p.household) }).toEqual({ name: p.household, present: allowed && asHousehold })
    if (!allowed && shown.includes(p.name)) expect({ masked: p.masked, present: json.includes(p.masked) }).toEqual({ masked: p.masked, present: true })
    if (!allowed && asHousehold) expect({ masked: `${p.masked}家`, present: json.includes(`${p.masked}家`) }).toEqual({ masked: `${p.masked}家`, present: true })
    for (const h of hidden.filter((x) => x.name === p.name)) {
      for (const id of h.ids) expect({ id, present: json.includes(id) }).toEqual({ id, present: allowed })
    }
  }
}

beforeAll(async () => {
  cloud = await startCloud()
  const rule = data(await cloud.api('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 5, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
  const claim = async (openid: string, over: Record<string, unknown> = {}) => data(await cloud.api<{ claim: { id: string; status: string } }>('claims', 'submit', buildClaim({ ruleId: rule, ...over }), openid)).claim
  const pass = async (id: string, openid: string) => data(await cloud.api('claims', 'review', { claimId: id, decision: 'pass' }, openid))

  // 钱秀兰 joins courtyard 2 with an invite good for three (the code must not show up in anything she is part of).
  const invite = data(await cloud.api('org', 'issueInvite', { courtyardId: 'demo-courtyard-2', maxUses: 3 }, 'demo-admin')).invite
  ids.inviteCodes.push(invite.code)
  data(await cloud.api('user', 'join', { inviteCode: invite.code, name: '钱秀兰' }, QIAN))

  // Everyone earns 5 points this month; 张秀英's claim has a photo.
  const bytes = photoBytes(20261129)
  const a = await claim('demo-resident', { photos: [await upload(cloud, 'demo-resident', bytes)] })
  ids.claimA = a.id
  await pass(a.id, 'demo-head')
  await pass(a.id, 'demo-grid')
  const li = await claim('demo-resident-2')
  await pass(li.id, 'demo-head')
  await pass(li.id, 'demo-grid')
  await pass((await claim('demo-head')).id, 'demo-grid')
  await pass((await claim('demo-head', { onBehalfOf: 'demo-r-liu' })).id, 'demo-grid')
  await pass((await claim('demo-head-2')).id, 'demo-grid')
  const qian = await claim(QIAN)
  await pass(qian.id, 'demo-head-2')
  await pass(qian.id, 'demo-grid')

  // The same photo again: 李明 (same courtyard) and 钱秀兰 (courtyard 2), both waiting for their heads.
  ids.claimB = (await claim('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', bytes)] })).id
  ids.claimC = (await claim(QIAN, { photos: [await upload(cloud, QIAN, bytes)] })).id

  // The red list: a person of each courtyard and a household.
  for (const target of [{ residentId: 'demo-r-resident' }, { householdId: 'demo-hh-2' }, { residentId: 'demo-r-head-2' }]) {
    data(await cloud.api('governance', 'propose', { list: 'red', ...target, reason: '常年义务打扫院落', points: 0 }, 'demo-admin'))
  }
  data(await cloud.api('org', 'setPartyMember', { residentId: 'demo-r-resident', partyMember: true, unit: '市供电公司' }, 'demo-admin'))

  // 张秀英 exchanges her 5 points for toothpaste; the clerk redeems it.
  ids.voucher = data(await cloud.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: 'privacy-exchange-1' }, 'demo-resident')).voucher.id
  ids.code = data(await cloud.api('shop', 'code', { voucherId: ids.voucher }, 'demo-resident')).code
  redeemAnswer = await cloud.api('shop', 'redeem', { code: ids.code }, 'demo-merchant')
  data(redeemAnswer)
  today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())

  // The grid worker inspects courtyard 1 with a photo.
  month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())
  data(await cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 90, photos: [await upload(cloud, 'demo-grid', photoBytes(7))] }, 'demo-grid'))

  // Into the next month: the office closes this one; 李明 objects to 张秀英's entry, 赵桂兰 to 钱秀兰's.
  const next = new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY
  const firstOfNext = new Date(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(next))}-01T03:00:00+08:00`).getTime()
  await cloud.setClock(firstOfNext - Date.now())
  data(await cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
  const db = cloud.sdk().database()
  const creditOf = async (residentId: string) => ((await db.collection('ledger').where({ residentId, kind: 'credit' }).get()).data as { _id: string }[])[0]._id
  const qianId = data(await cloud.api<{ residentId: string }>('user', 'me', {}, QIAN)).residentId
  ids.entryOfZhang = await creditOf('demo-r-resident')
  data(await cloud.api('governance', 'object', { entryId: ids.entryOfZhang, reason: '那天的活动她并没有参加', requestId: 'privacy-object-1' }, 'demo-resident-2'))
  data(await cloud.api('governance', 'object', { entryId: await creditOf(qianId), reason: '那天的活动她并没有参加', requestId: 'privacy-object-2' }, 'demo-head-2'))
})
afterAll(() => cloud?.stop())

describe.each(ANSWERS)('$answer', (row) => {
  test.each(VIEWERS)('as the $label: full names exactly where allowed, no openid or invite code of anyone else', async (v) => {
    const answer = await row.call(v)
    if (row.who && !row.who.includes(v.openid)) {
      expect(answer.ok).toBe(false)
      return
    }
    if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
    const json = JSON.stringify(answer.data)
    expectNames(json, row, v)
    for (const openid of ALL_OPENIDS) {
      if (!seesOpenid(v, openid)) expect({ openid, present: openidIn(json, openid) }).toEqual({ openid, present: false })
    }
    for (const code of ids.inviteCodes) expect({ code, present: json.toLowerCase().includes(code.toLowerCase()) }).toEqual({ code, present: false })
  })
})

test('a resident reads that a photo was used before without whose or which claim; the reviewers in scope can open that claim', async () => {
  const mine = data(await cloud.api('claims', 'get', { claimId: ids.claimB }, 'demo-resident-2')).claim
  expect(mine.duplicates).toEqual([{ photo: expect.any(String), at: expect.any(String) }])
  const head = data(await cloud.api('claims', 'get', { claimId: ids.claimB }, 'demo-head')).claim
  expect(head.duplicates).toEqual([expect.objectContaining({ claimId: ids.claimA, residentName: '张秀英' })])
  expect(await cloud.api('claims', 'get', { claimId: ids.claimA }, 'demo-head')).toMatchObject({ ok: true })
  // The head of courtyard 2 reviews 钱秀兰's claim: told of the reuse, not told it was 张秀英's (not hers to open).
  const other = data(await cloud.api('claims', 'get', { claimId: ids.claimC }, 'demo-head-2')).claim
  expect(other.duplicates).toEqual([{ photo: expect.any(String), at: expect.any(String) }])
  expect(await cloud.api('claims', 'get', { claimId: ids.claimA }, 'demo-head-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
})
