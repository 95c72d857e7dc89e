/**
 * 我的数据与隐私 through the real SDK: a member sees and exports only their own data; a deletion request is recorded
 * once and carried out by their community's admin (never another community's): the account is gone, the resident
 * anonymised, free text and photos deleted, unused vouchers refunded — and every ledger entry is still there, unchanged
 * in everything a month's digest covers, so governance.verify stays valid and the board shows the anonymised name.
 */
import ExcelJS from 'exceljs'
import { canonicalEntry } from '../../cloudfunctions/_shared/months'
import type { LedgerRecord } from '../../cloudfunctions/_shared/ledger'
import type { DeletionOutcome, DeletionRequest, MyData } from '../../src/core/privacy'
import type { PublicityItem } from '../../src/core/governance'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud
let rule = ''
let n = 0

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))

/** A claim of `openid` (with these photos and text), taken through both reviews unless `open`. */
async function claim(openid: string, over: Record<string, unknown> = {}, open = false): Promise<string> {
  const made = data(await cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule, ...over }), openid)).claim
  if (open) return made.id
  data(await cloud.api('claims', 'review', { claimId: made.id, decision: 'pass' }, 'demo-head'))
  data(await cloud.api('claims', 'review', { claimId: made.id, decision: 'pass' }, 'demo-grid'))
  return made.id
}

/** The workbook behind an export's link, as a map of sheet name → rows (header first). */
async function workbookAt(url: string): Promise<Map<string, unknown[][]>> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  return new Map(book.worksheets.map((s) => [s.name, (s.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1))]))
}

beforeAll(async () => {
  cloud = await startCloud()
  rule = data(await cloud.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 2, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
})
afterAll(() => cloud?.stop())

describe('seeing and exporting my own data', () => {
  beforeAll(async () => {
    await claim('demo-resident', { place: '张秀英写的地点', description: '张秀英写的说明' })
    await claim('demo-resident-2', { place: '李明写的地点', description: '李明写的说明' })
    await claim('demo-resident-2', { place: '李明写的地点', description: '李明还在审的' }, true)
    // 李明 signed up for an activity: counted in his data, not in hers.
    const later = Date.now() + 90 * DAY
    const { activity } = data(
      await cloud.api<{ activity: { id: string } }>('activities', 'save', { title: '读书会', place: '社区书屋', startAt: new Date(later).toISOString(), endAt: new Date(later + 3600_000).toISOString(), points: 1, requestId: 'privacy-mine-act-1' }, 'demo-admin'),
    )
    data(await cloud.api('activities', 'signup', { activityId: activity.id, requestId: 'privacy-mine-signup-1' }, 'demo-resident-2'))
  })

  test('myData answers only the caller’s own records', async () => {
    const mine = data(await cloud.api<MyData>('user', 'myData', {}, 'demo-resident'))
    expect(mine.account).toMatchObject({ name: '张秀英', communityName: '昌宁社区', roles: [] })
    expect(mine.resident).toEqual({ name: '张秀英', birthYear: 1953, partyMember: false, partyUnit: null, hasPhone: true, householdName: '张秀英家', courtyardName: '莲花新区1排3号院' })
    expect(mine.counts).toMatchObject({ claims: 1, openClaims: 0, vouchers: 0, objections: 0, ledgerEntries: 1, activities: 0, lessons: 0 })
    expect(mine.deletion).toBeNull()
    const theirs = data(await cloud.api<MyData>('user', 'myData', {}, 'demo-resident-2'))
    expect(theirs.resident).toMatchObject({ name: '李明', birthYear: 1986, householdName: '李明家' })
    expect(theirs.counts).toMatchObject({ claims: 2, openClaims: 1, ledgerEntries: 1, activities: 1 })
    // Staff who are not residents: the account and its roles, no resident record.
    const grid = data(await cloud.api<MyData>('user', 'myData', {}, 'demo-grid'))
    expect(grid).toMatchObject({ account: { name: '陈静', roles: [{ role: 'grid', nodeName: '莲花新区网格' }] }, resident: null, counts: { claims: 0, ledgerEntries: 0 } })
    // A payload cannot ask for someone else.
    expect(data(await cloud.api<MyData>('user', 'myData', { openid: 'demo-resident-2', residentId: 'demo-r-resident-2' }, 'demo-resident')).account.name).toBe('张秀英')
    expect(await cloud.api('user', 'myData', {}, 'stranger')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('exportMine is a workbook of five sheets with the caller’s rows only, saved in their own folder', async () => {
    const file = data(await cloud.api<{ fileID: string; url: string; fileName: string }>('user', 'exportMine', {}, 'demo-resident'))
    expect(file.fileName).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(file.fileID).toMatch(/^cloud:\/\/.+\/exports\/demo-resident\//)
    const book = await workbookAt(file.url)
    expect([...book.keys()]).toEqual(['个人信息', '申报', '积分明细', '兑换券', '异议'])
    const person = book.get('个人信息')!
    expect(person).toContainEqual(['姓名', '张秀英'])
    expect(person).toContainEqual(['出生年份', '1953'])
    expect(person).toContainEqual(['家庭', '张秀英家'])
    const claims = book.get('申报')!
    expect(claims[0]).toEqual(['提交时间', '事项', '类别', '积分', '状态', '发生时间', '地点', '说明', '照片（张）'])
    expect(claims.slice(1)).toHaveLength(1)
    expect(claims[1]).toEqual(expect.arrayContaining(['参加楼院议事', 2, '已通过', '张秀英写的地点', '张秀英写的说明']))
    expect(JSON.stringify([...book.values()])).not.toContain('李明')
    const ledger = book.get('积分明细')!
    expect(ledger.slice(1)).toHaveLength(1)
    expect(ledger[1]).toEqual(expect.arrayContaining(['获得', 2, 2, '参加楼院议事']))
    expect(book.get('兑换券')).toHaveLength(1)
    expect(book.get('异议')).toHaveLength(1)

    const other = data(await cloud.api<{ url: string; fileID: string }>('user', 'exportMine', {}, 'demo-resident-2'))
    expect(other.fileID).toMatch(/\/exports\/demo-resident-2\//)
    const theirs = await workbookAt(other.url)
    expect(theirs.get('申报')!.slice(1).map((r) => r[7])).toEqual(['李明写的说明', '李明还在审的'])
    expect(JSON.stringify([...theirs.values()])).not.toContain('张秀英')
  })
})

describe('deletion (注销)', () => {
  let month = ''
  let photoUrl = ''
  let objectionId = ''
  let voucherId = ''
  let deductionId = ''
  let activityId = ''
  let request: DeletionRequest
  /** Every ledger entry of the community as the digest sees it, before the deletion. */
  let before = new Map<string, string>()

  beforeAll(async () => {
    month = monthOf(Date.now())
    // 张秀英 this month: an approved claim with a photo, another still waiting, points from the office, and a voucher.
    const photo = await upload(cloud, 'demo-resident', photoBytes(41))
    await claim('demo-resident', { photos: [photo], place: '要删除的地点', description: '要删除的说明' })
    await claim('demo-resident', { place: '还在审的地点', description: '还在审的说明' }, true)
    data(await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 20, reason: '社区表彰', requestId: `privacy-adjust-${++n}` }, 'demo-admin'))
    voucherId = data(await cloud.api<{ voucher: { id: string } }>('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: `privacy-exchange-${++n}` }, 'demo-resident')).voucher.id
    data(await cloud.api('org', 'setPartyMember', { residentId: 'demo-r-resident', partyMember: true, unit: '市供电公司' }, 'demo-admin'))
    // A deduction the grid worker recorded against her, waiting for a second person: an official record, kept, her name not.
    const deductionPhoto = await upload(cloud, 'demo-grid', photoBytes(43))
    deductionId = data(
      await cloud.api<{ deduction: { id: string } }>('points', 'deduct', { residentId: 'demo-r-resident', item: '乱堆乱放', points: 1, reason: '楼道里堆放杂物未清理', photos: [deductionPhoto], requestId: `privacy-dd-${++n}` }, 'demo-grid'),
    ).deduction.id
    // She signed up for an activity two months ahead (the functions' clock moves to next month below: still to come).
    const later = Date.now() + 60 * DAY
    activityId = data(
      await cloud.api<{ activity: { id: string } }>(
        'activities',
        'save',
        { title: '清理河道', place: '村东河边', startAt: new Date(later).toISOString(), endAt: new Date(later + 7200_000).toISOString(), points: 2, requestId: `privacy-act-${++n}` },
        'demo-admin',
      ),
    ).activity.id
    data(await cloud.api('activities', 'signup', { activityId, requestId: `privacy-signup-${++n}` }, 'demo-resident'))
    const sdk = cloud.sdk()
    photoUrl = (await sdk.getTempFileURL({ fileList: [{ fileID: photo, maxAge: 3600 }] })).fileList[0].tempFileURL

    // Next month: the month is closed and on the board; she objects to 李明's entry with a photo.
    const firstOfNext = new Date(`${monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)}-01T09:00:00+08:00`).getTime()
    await cloud.setClock(firstOfNext - Date.now())
    data(await cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    const board = data(await cloud.api<{ items: PublicityItem[] }>('governance', 'publicity', { month }, 'demo-resident'))
    const hers = board.items.find((i) => i.name === '李*')!
    const evidence = await upload(cloud, 'demo-resident', photoBytes(42))
    objectionId = data(await cloud.api<{ objection: { id: string } }>('governance', 'object', { entryId: hers.entryId, reason: '我亲眼看见的情况不是这样', photos: [evidence], requestId: `privacy-ob-${++n}` }, 'demo-resident')).objection.id
    expect(data(await cloud.api<{ valid: boolean }>('governance', 'verify', { month }, 'demo-resident-2')).valid).toBe(true)

    const ledger = (await sdk.database().collection('ledger').where({ communityId: 'demo-community' }).limit(1000).get()).data as LedgerRecord[]
    before = new Map(ledger.map((e) => [e._id, canonicalEntry(e)]))
    expect(ledger.filter((e) => e.residentId === 'demo-r-resident').length).toBeGreaterThanOrEqual(4)
  })

  test('a request is recorded once, whatever the retries; the member sees it pending', async () => {
    request = data(await cloud.api<{ request: DeletionRequest }>('user', 'requestDeletion', { requestId: `privacy-del-${++n}-a` }, 'demo-resident')).request
    expect(request).toMatchObject({ status: 'pending', name: '张秀英', courtyardName: '莲花新区1排3号院' })
    const again = await Promise.all([
      cloud.api<{ request: DeletionRequest }>('user', 'requestDeletion', { requestId: `privacy-del-${++n}-b` }, 'demo-resident'),
      cloud.api<{ request: DeletionRequest }>('user', 'requestDeletion', {}, 'demo-resident'),
    ])
    for (const a of again) expect(data(a).request.id).toBe(request.id)
    expect(data(await cloud.api<MyData>('user', 'myData', {}, 'demo-resident')).deletion).toMatchObject({ id: request.id, status: 'pending' })
    const pending = data(await cloud.api<{ items: DeletionRequest[] }>('org', 'deletionRequests', {}, 'demo-admin')).items
    expect(pending.filter((r) => r.name === '张秀英')).toEqual([expect.objectContaining({ id: request.id })])
  })

  test('another community’s admin neither sees nor carries it out; nobody carries out their own', async () => {
    const db = cloud.sdk().database()
    await db.collection('users').doc('other-admin').set({ name: '外社区管理员', communityId: 'other-community', residentId: null, roles: [{ role: 'admin', nodeId: 'other-community' }] })
    expect(data(await cloud.api<{ items: DeletionRequest[] }>('org', 'deletionRequests', {}, 'other-admin')).items).toEqual([])
    expect(await cloud.api('org', 'processDeletion', { deletionId: request.id }, 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('org', 'processDeletion', { deletionId: request.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    const own = data(await cloud.api<{ request: DeletionRequest }>('user', 'requestDeletion', {}, 'demo-admin')).request
    expect(await cloud.api('org', 'processDeletion', { deletionId: own.id }, 'demo-admin')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(data(await cloud.api<MyData>('user', 'myData', {}, 'demo-resident')).resident?.name).toBe('张秀英')
  })

  test('the admin carries it out: the account is gone, the resident anonymised, text and photos deleted, the voucher refunded', async () => {
    // The platform's checks of her photos name the file and her: they go too.
    const checksOfHers = async () => (await cloud.sdk().database().collection('contentChecks').where({ openid: 'demo-resident' }).limit(100).get()).data.length
    expect(await checksOfHers()).toBeGreaterThan(0)
    const outcome = data(await cloud.api<DeletionOutcome>('org', 'processDeletion', { deletionId: request.id }, 'demo-admin'))
    expect(outcome).toMatchObject({ request: { id: request.id, status: 'done', name: '已注销居民' }, vouchersCancelled: 1, claimsWithdrawn: 1, photosDeleted: 2, objectionsCleared: 1 })
    expect(outcome.claimsCleared).toBeGreaterThanOrEqual(3)
    expect(await cloud.api('org', 'processDeletion', { deletionId: request.id }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await checksOfHers()).toBe(0)

    // She can no longer act: the app says she has not joined.
    expect(await cloud.api('user', 'me', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await cloud.api('claims', 'submit', buildClaim({ ruleId: rule }), 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await cloud.api('user', 'requestDeletion', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })

    const db = cloud.sdk().database()
    const one = async <T>(collection: string, id: string) => ((await db.collection(collection).doc(id).get()).data as T[])[0]
    expect(await one('users', 'demo-resident')).toBeUndefined()
    const resident = await one<Record<string, unknown>>('residents', 'demo-r-resident')
    expect(resident).toMatchObject({ name: '已注销居民', openid: null, status: 'deleted', hasPhone: false, householdId: 'demo-hh-1' })
    for (const gone of ['birthYear', 'partyMember', 'partyUnit']) expect(resident).not.toHaveProperty(gone)
    // Her household was hers alone and named after her.
    expect(await one<{ name: string }>('orgNodes', 'demo-hh-1')).toMatchObject({ name: '已注销居民家' })

    const claims = (await db.collection('claims').where({ residentId: 'demo-r-resident' }).limit(100).get()).data as { place: string; description: string; photos: string[]; status: string; residentName: string }[]
    expect(claims.length).toBe(outcome.claimsCleared)
    for (const c of claims) expect(c).toMatchObject({ place: '', description: '', photos: [], residentName: '已注销居民' })
    expect(claims.filter((c) => c.status === 'withdrawn')).toHaveLength(1)
    expect(JSON.stringify(claims)).not.toContain('张秀英')
    expect((await fetch(photoUrl)).status).not.toBe(200)

    expect(await one('objections', objectionId)).toMatchObject({ reason: '', photos: [], objectorName: '已注销居民', status: 'open' })
    expect(await one('vouchers', voucherId)).toMatchObject({ status: 'cancelled', refunded: true, residentName: '已注销居民' })
    expect(await one('deductions', deductionId)).toMatchObject({ name: '已注销居民', item: '乱堆乱放' })
    // Her place at the activity still to come is given back; the sheet keeps no name.
    expect(await one('activitySignups', `${activityId}:demo-r-resident`)).toMatchObject({ name: '已注销居民', openid: null, status: 'cancelled' })
    expect(await one('activities', activityId)).toMatchObject({ taken: 0 })
    expect(JSON.stringify(await one('deletionRequests', request.id))).not.toMatch(/张秀英|demo-resident"/)
    // Off the party members' report.
    const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`
    expect(data(await cloud.api<{ items: { residentId: string }[] }>('governance', 'partyReport', { quarter }, 'demo-admin')).items.map((i) => i.residentId)).not.toContain('demo-r-resident')
  })

  test('the ledger keeps every entry unchanged in what the digest covers; verify stays valid; the board shows 已注销居民', async () => {
    const db = cloud.sdk().database()
    const after = (await db.collection('ledger').where({ communityId: 'demo-community' }).limit(1000).get()).data as LedgerRecord[]
    const byId = new Map(after.map((e) => [e._id, e]))
    for (const [id, canonical] of before) expect(byId.has(id) && canonicalEntry(byId.get(id)!)).toBe(canonical)
    const hers = after.filter((e) => e.residentId === 'demo-r-resident')
    // Her entries, and the refund of the voucher (a reversal, after the month closed).
    expect(hers.length).toBe([...before.keys()].filter((id) => before.get(id)!.includes('"res:demo-r-resident"')).length + 1)
    expect(hers.every((e) => e.residentName === '已注销居民')).toBe(true)
    expect(hers.find((e) => e.kind === 'reversal' && e.source.type === 'voucher')).toBeDefined()

    expect(data(await cloud.api<{ valid: boolean }>('governance', 'verify', { month }, 'demo-resident-2'))).toMatchObject({ valid: true })
    const board = data(await cloud.api<{ items: PublicityItem[]; rankings: Record<string, { id: string; name: string }[]> }>('governance', 'publicity', { month }, 'demo-resident-2'))
    expect(board.items.filter((i) => i.name === '已注销居民').length).toBeGreaterThanOrEqual(2)
    expect(board.items.some((i) => i.name === '张*英')).toBe(false)
    expect(board.rankings.resident.find((r) => r.id === 'demo-r-resident')?.name).toBe('已注销居民')
    expect(board.rankings.household.find((r) => r.id === 'demo-hh-1')?.name).toBe('已注销居民家')
    // A month closed after the deletion chains on: still valid.
    const lists = data(await cloud.api<{ items: DeletionRequest[] }>('org', 'deletionRequests', { status: 'done' }, 'demo-admin')).items
    expect(lists).toEqual([expect.objectContaining({ id: request.id, name: '已注销居民', status: 'done' })])
  })

  test('the act is on the audit log, without her name', async () => {
    const items = data(await cloud.api<{ items: { action: string; target?: { id: string }; after?: unknown }[] }>('governance', 'audit', { operation: 'org.processDeletion' }, 'demo-admin')).items
    expect(items).toEqual([expect.objectContaining({ action: 'org.processDeletion', target: { type: 'deletion', id: request.id } })])
    expect(JSON.stringify(items)).not.toContain('张秀英')
  })

  test('nobody acts for a deleted person any more (proxy claim, adjustment), though the admin can still read their ledger', async () => {
    // The deed an hour before the functions' clock (next month by now): a claim they would take for anyone else.
    const { now } = (await (await fetch(`${cloud.url}/_emulator/clock`)).json()) as { now: string }
    const occurredAt = new Date(Date.parse(now) - 3_600_000).toISOString()
    const proxy = await cloud.api('claims', 'submit', buildClaim({ ruleId: rule, onBehalfOf: 'demo-r-resident', occurredAt }), 'demo-head')
    expect(proxy).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const adjust = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 1, reason: '注销后不能再调', requestId: 'deleted-adjust-1' }, 'demo-admin')
    expect(adjust).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const ledger = data(await cloud.api<{ items: unknown[] }>('points', 'ledger', { residentId: 'demo-r-resident' }, 'demo-admin'))
    expect(ledger.items.length).toBeGreaterThan(0)
  })

  test('joining again with the same WeChat starts a new record: the anonymised one and its points stay as they are', async () => {
    const invite = data(await cloud.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head')).invite
    const again = data(await cloud.api<{ residentId: string; name: string }>('user', 'join', { inviteCode: invite.code, name: '张秀英' }, 'demo-resident'))
    expect(again.residentId).not.toBe('demo-r-resident')
    expect(again.residentId).not.toContain('demo-resident')
    const old = ((await cloud.sdk().database().collection('residents').doc('demo-r-resident').get()).data as { name: string; openid: string | null }[])[0]
    expect(old).toMatchObject({ name: '已注销居民', openid: null })
    expect(data(await cloud.api<{ available: number }>('points', 'balance', {}, 'demo-resident')).available).toBe(0)
  })

  test('a deletion stopped half way is finished by carrying it out again', async () => {
    const request = data(await cloud.api<{ request: DeletionRequest }>('user', 'requestDeletion', {}, 'demo-resident-2')).request
    // As if the first attempt had stopped right after its first step: the account gone, the record anonymised.
    const db = cloud.sdk().database()
    await db.collection('users').doc('demo-resident-2').remove()
    await db.collection('residents').doc('demo-r-resident-2').update({ name: '已注销居民', openid: null, status: 'deleted' })
    const outcome = data(await cloud.api<DeletionOutcome>('org', 'processDeletion', { deletionId: request.id }, 'demo-admin'))
    expect(outcome).toMatchObject({ request: { status: 'done' }, claimsWithdrawn: 1 })
    const claims = (await db.collection('claims').where({ residentId: 'demo-r-resident-2' }).limit(100).get()).data as { description: string; residentName: string }[]
    expect(claims.length).toBe(2)
    for (const c of claims) expect(c).toMatchObject({ description: '', residentName: '已注销居民' })
    // His household was named after him, so it is renamed from the name the request kept.
    expect(((await db.collection('orgNodes').doc('demo-hh-2').get()).data as { name: string }[])[0].name).toBe('已注销居民家')
    expect(data(await cloud.api<{ valid: boolean }>('governance', 'verify', { month }, 'demo-admin')).valid).toBe(true)
  })
})
