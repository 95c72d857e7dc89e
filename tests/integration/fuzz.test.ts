/**
 * Bad input to every action gets `ok: false` with a code (never INTERNAL, never a crash), and changes
 * nothing: every collection is the same, document for document, after the whole barrage.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { buildClaim } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  const asked = await cloud.api('user', 'requestDeletion', { requestId: 'fuzz-del-0000' }, 'demo-grid')
  if (!asked.ok) throw new Error(asked.message)
})
afterAll(() => cloud?.stop())

/** A valid input for each action, and who may call it: each field is then corrupted in turn. */
const VALID: Record<string, { caller: string; input: Record<string, unknown> }> = {
  'user.join': { caller: 'newcomer', input: { inviteCode: 'ABCD2345', name: '新居民' } },
  'rules.save': { caller: 'demo-admin', input: { categoryId: 'cat-env', name: '扫雪除冰', points: 1, photosRequired: false, capPerMonth: 2 } },
  'rules.disable': { caller: 'demo-admin', input: { ruleId: 'rule-brave' } },
  'org.issueInvite': { caller: 'demo-admin', input: { courtyardId: 'demo-courtyard-1', maxUses: 2, days: 7 } },
  'org.saveNode': { caller: 'demo-admin', input: { type: 'household', parentId: 'demo-courtyard-1', name: '新户人家' } },
  'org.assignRole': { caller: 'demo-admin', input: { openid: 'demo-resident', role: 'head', nodeId: 'demo-courtyard-1' } },
  'org.revokeRole': { caller: 'demo-admin', input: { openid: 'demo-head', role: 'head', nodeId: 'demo-courtyard-1' } },
  'org.addResident': { caller: 'demo-admin', input: { householdId: 'demo-hh-1', name: '张老太', requestId: 'fuzz-add-0001' } },
  'claims.submit': { caller: 'demo-resident', input: buildClaim({ ruleId: 'rule-suggestion', photos: [] }) },
  'claims.review': { caller: 'demo-head', input: { claimId: 'cl-none', decision: 'reject', reason: '原因' } },
  'claims.withdraw': { caller: 'demo-resident', input: { claimId: 'cl-none' } },
  'claims.resubmit': { caller: 'demo-resident', input: { claimId: 'cl-none', photos: [], requestId: 'fuzz-resubmit-1' } },
  'claims.get': { caller: 'demo-resident', input: { claimId: 'cl-none' } },
  'claims.checkPhoto': { caller: 'demo-resident', input: { fileID: 'cloud://local.evidence/demo-resident/none.jpg' } },
  'claims.mine': { caller: 'demo-resident', input: { status: 'approved' } },
  'claims.queue': { caller: 'demo-head', input: { cursor: 'abc' } },
  'points.ledger': { caller: 'demo-resident', input: { kind: 'credit' } },
  'points.leaderboard': { caller: 'demo-resident', input: { level: 'resident', period: 'month', key: '2026-11' } },
  'points.reverse': { caller: 'demo-admin', input: { entryId: 'no-such-entry', reason: '冲正原因' } },
  'points.adjust': { caller: 'demo-admin', input: { residentId: 'demo-r-resident', delta: 1, reason: '调整', requestId: 'fuzz-adjust-01' } },
  'shop.offers': { caller: 'demo-resident', input: { kind: 'goods' } },
  'shop.offer': { caller: 'demo-resident', input: { offerId: 'offer-detergent' } },
  'shop.saveOffer': {
    caller: 'demo-admin',
    input: { title: '模糊测试', kind: 'goods', points: 1, stock: 3, perResidentLimit: 1, validUntil: '2027-01-01T00:00:00+08:00', merchantId: 'demo-merchant-shanzhi', requestId: 'fuzz-offer-01' },
  },
  'shop.reviewOffer': { caller: 'demo-admin', input: { offerId: 'offer-none', decision: 'retire' } },
  // demo-resident-2 has no points: the valid input itself would be refused too.
  'shop.exchange': { caller: 'demo-resident-2', input: { offerId: 'offer-detergent', requestId: 'fuzz-exchange-1' } },
  'shop.vouchers': { caller: 'demo-resident', input: { status: 'issued' } },
  'shop.voucher': { caller: 'demo-resident', input: { voucherId: 'v-none' } },
  'shop.code': { caller: 'demo-resident', input: { voucherId: 'v-none' } },
  'shop.redeem': { caller: 'demo-merchant', input: { code: '1234567812345678' } },
  'shop.cancel': { caller: 'demo-resident', input: { voucherId: 'v-none' } },
  'shop.redemptions': { caller: 'demo-merchant', input: { day: '2026-11-29' } },
  'shop.settlement': { caller: 'demo-admin', input: { month: '2026-11' } },
  'shop.exportSettlement': { caller: 'demo-admin', input: { month: '2026-11' } },
  'shop.merchants': { caller: 'demo-admin', input: {} },
  'shop.saveMerchant': { caller: 'demo-admin', input: { name: '模糊小店', requestId: 'fuzz-merchant-1' } },
  'points.deduct': { caller: 'demo-admin', input: { residentId: 'r-none', item: '乱堆乱放', points: 1, reason: '模糊测试的经过', photos: ['cloud://local.evidence/demo-admin/none.jpg'], requestId: 'fuzz-deduct-001' } },
  'points.deductions': { caller: 'demo-admin', input: { status: 'proposed' } },
  'points.decideDeduction': { caller: 'demo-admin', input: { deductionId: 'dd-none', decision: 'reject', note: '模糊测试' } },
  'org.moveResident': { caller: 'demo-admin', input: { residentId: 'r-none', householdId: 'demo-hh-1', requestId: 'fuzz-move-0001' } },
  'org.removeResident': { caller: 'demo-admin', input: { residentId: 'r-none', reason: '搬走了', requestId: 'fuzz-remove-001' } },
  'rules.saveCategory': { caller: 'demo-admin', input: { id: 'cat-none', name: '新类别' } },
  'rules.moveCategory': { caller: 'demo-admin', input: { categoryId: 'cat-none', direction: 'up' } },
  'rules.removeCategory': { caller: 'demo-admin', input: { categoryId: 'cat-none' } },
  'rules.moveRule': { caller: 'demo-admin', input: { ruleId: 'rule-none', direction: 'down' } },
  'shop.setMerchantStatus': { caller: 'demo-admin', input: { merchantId: 'm-none', status: 'suspended' } },
  'shop.clerkInvite': { caller: 'demo-admin', input: { merchantId: 'm-none' } },
  'org.settings': { caller: 'demo-resident', input: {} },
  // The same values as now: a valid input changes nothing either.
  'org.updateSettings': { caller: 'demo-admin', input: { publicityDays: 7, settlement: 'instant', householdWallet: false, suspensionMonths: 3, refundExpiredVouchers: true } },
  'org.setPartyMember': { caller: 'demo-admin', input: { residentId: 'r-none', partyMember: true, unit: '街道办' } },
  'governance.publicity': { caller: 'demo-resident', input: { month: '2026-11' } },
  'governance.closeMonth': { caller: 'demo-admin', input: { month: '2099-01' } },
  'governance.verify': { caller: 'demo-resident', input: { month: '2026-11' } },
  'governance.exportPublicity': { caller: 'demo-admin', input: { month: '2026-01' } },
  'governance.object': { caller: 'demo-resident', input: { entryId: 'entry-none', reason: '模糊测试的异议理由', photos: [], requestId: 'fuzz-ob-0001' } },
  'governance.objections': { caller: 'demo-admin', input: { status: 'open' } },
  'governance.resolve': { caller: 'demo-admin', input: { objectionId: 'ob-none', decision: 'dismiss', note: '模糊测试' } },
  'governance.propose': { caller: 'demo-admin', input: { list: 'red', residentId: 'r-none', reason: '模糊测试的提名', points: 1, requestId: 'fuzz-ls-0001' } },
  'governance.confirm': { caller: 'demo-admin', input: { listingId: 'ls-none', decision: 'reject' } },
  'governance.lists': { caller: 'demo-resident', input: { list: 'red' } },
  'governance.inspect': { caller: 'demo-grid', input: { courtyardId: 'courtyard-none', month: '2026-11', score: 80, notes: '模糊测试', photos: [] } },
  'governance.inspections': { caller: 'demo-resident', input: { month: '2026-11' } },
  'governance.awardInspections': { caller: 'demo-admin', input: { month: '2099-01' } },
  'governance.dashboard': { caller: 'demo-admin', input: { year: '2026' } },
  'governance.honours': { caller: 'demo-resident', input: { year: '2026' } },
  'governance.partyReport': { caller: 'demo-admin', input: { quarter: '2026-Q4' } },
  'governance.audit': { caller: 'demo-admin', input: { operation: 'claims.review' } },
  // Activities that are not there: every valid input is refused (NOT_FOUND or a code that fits nothing), so nothing is written.
  'activities.save': {
    caller: 'demo-admin',
    input: { id: 'act-none', title: '模糊测试活动', description: '模糊测试', place: '社区广场', startAt: '2026-12-20T09:00:00+08:00', endAt: '2026-12-20T11:00:00+08:00', signupUntil: '2026-12-19T18:00:00+08:00', capacity: 10, points: 1, teamId: 'team-none', partyProject: false, photos: [], requestId: 'fuzz-act-0001' },
  },
  'activities.list': { caller: 'demo-resident', input: { when: 'past', mine: false, partyProject: false, cursor: 'abc' } },
  'activities.get': { caller: 'demo-resident', input: { activityId: 'act-none' } },
  'activities.signup': { caller: 'demo-resident', input: { activityId: 'act-none', requestId: 'fuzz-signup-01' } },
  'activities.cancelSignup': { caller: 'demo-resident', input: { activityId: 'act-none', requestId: 'fuzz-cancel-01' } },
  'activities.checkinCode': { caller: 'demo-admin', input: { activityId: 'act-none' } },
  'activities.checkin': { caller: 'demo-resident', input: { code: '1234567801123456' } },
  'activities.checkinFor': { caller: 'demo-admin', input: { activityId: 'act-none', residentId: 'demo-r-liu' } },
  'activities.finish': { caller: 'demo-admin', input: { activityId: 'act-none' } },
  'activities.exportAttendance': { caller: 'demo-admin', input: { activityId: 'act-none' } },
  'activities.teams': { caller: 'demo-resident', input: {} },
  'activities.saveTeam': { caller: 'demo-admin', input: { id: 'team-none', name: '模糊测试队', description: '模糊测试', leaderId: 'demo-r-resident', requestId: 'fuzz-team-0001' } },
  'activities.joinTeam': { caller: 'demo-resident', input: { teamId: 'team-none' } },
  'activities.leaveTeam': { caller: 'demo-resident', input: { teamId: 'team-none' } },
  // 积分卡: a resident or a card that is not there.
  'cards.get': { caller: 'demo-admin', input: { residentId: 'r-none' } },
  'cards.issue': { caller: 'demo-admin', input: { residentId: 'r-none' } },
  'cards.setPin': { caller: 'demo-admin', input: { residentId: 'r-none', pin: '1234' } },
  'cards.revoke': { caller: 'demo-admin', input: { residentId: 'r-none' } },
  'cards.lookup': { caller: 'demo-merchant', input: { token: 'SZJFCARD1.cd000000000000000000.AAAAAAAAAAAAAAAAAAAAAA' } },
  'cards.sheet': { caller: 'demo-admin', input: { courtyardId: 'c-none', residentIds: ['r-none'] } },
  'shop.exchangeByCard': { caller: 'demo-merchant', input: { token: 'SZJFCARD1.cd000000000000000000.AAAAAAAAAAAAAAAAAAAAAA', pin: '1234', offerId: 'of-none', requestId: 'fuzz-card-0001' } },
  // 说事: a courtyard that is not there, or a post that is not there: the valid input itself is refused, nothing written.
  'voices.post': { caller: 'demo-resident', input: { kind: 'wish', title: '模糊测试', text: '模糊测试的内容', place: '门口', courtyardId: 'c-none', offerPoints: 1, photos: ['cloud://local.evidence/demo-resident/none.jpg'], requestId: 'fuzz-voice-0001' } },
  'voices.list': { caller: 'demo-resident', input: { kind: 'suggestion', status: 'open', mine: false, taken: false, queue: false, cursor: 'abc' } },
  'voices.get': { caller: 'demo-resident', input: { postId: 'vc-none' } },
  'voices.reply': { caller: 'demo-admin', input: { postId: 'vc-none', text: '模糊测试回复', photos: ['cloud://local.evidence/demo-admin/none.jpg'] } },
  'voices.support': { caller: 'demo-resident', input: { postId: 'vc-none' } },
  'voices.decide': { caller: 'demo-admin', input: { postId: 'vc-none', decision: 'reject', note: '模糊测试', photos: ['cloud://local.evidence/demo-admin/none.jpg'] } },
  'voices.take': { caller: 'demo-resident', input: { postId: 'vc-none' } },
  'voices.fulfil': { caller: 'demo-resident', input: { postId: 'vc-none', note: '模糊测试', photos: ['cloud://local.evidence/demo-resident/none.jpg'] } },
  'voices.confirm': { caller: 'demo-resident', input: { postId: 'vc-none', rating: 5, note: '模糊测试' } },
  'voices.withdraw': { caller: 'demo-resident', input: { postId: 'vc-none', note: '模糊测试' } },
  'voices.summary': { caller: 'demo-admin', input: { month: '2026-11' } },
  // Corrupted, the month is refused; the valid one would write a file and an audit line, so it is never sent as it is.
  'voices.export': { caller: 'demo-admin', input: { month: '2026-11' } },
  'learning.list': { caller: 'demo-resident', input: { cursor: 'abc' } },
  'learning.get': { caller: 'demo-resident', input: { lessonId: 'lesson-none' } },
  // A change of a lesson that is not there: the valid input itself is refused (NOT_FOUND), so nothing is written.
  'learning.save': {
    caller: 'demo-admin',
    input: { id: 'lesson-none', title: '模糊测试课', body: '模糊测试的学习内容，写满十个字', videoFileId: 'cloud://local.evidence/demo-admin/none.mp4', quiz: [{ question: '模糊测试题', options: ['对', '错'], answer: 0 }], points: 1, requestId: 'fuzz-lesson-01' },
  },
  'learning.answer': { caller: 'demo-resident', input: { lessonId: 'lesson-none', answers: [0, 1], requestId: 'fuzz-answer-01' } },
  // A photo check's result as the platform pushes it (label is left out: any integer is a valid label).
  'jobs.mediaChecked': { caller: 'demo-admin', input: { traceId: 'fuzz-trace-0001', suggest: 'risky' } },
  'user.myData': { caller: 'demo-resident', input: {} },
  'user.setPreferences': { caller: 'demo-resident', input: { elderMode: true } },
  'user.exportMine': { caller: 'demo-resident', input: {} },
  // demo-grid's request is made before the barrage (beforeAll): the same request again changes nothing.
  'user.requestDeletion': { caller: 'demo-grid', input: { requestId: 'fuzz-del-0001' } },
  'org.deletionRequests': { caller: 'demo-admin', input: { status: 'pending' } },
  'org.processDeletion': { caller: 'demo-admin', input: { deletionId: 'dr-none' } },
}

/** Values that no field of any action accepts (free-text fields take any string of the right length, so no such string is here). */
const JUNK: unknown[] = [null, 12345, -1.5, '', 'x'.repeat(20_000), {}, [], [1, 2], true, { $gt: '' }, { __proto__: { polluted: 1 } }, NaN]
const READ_ONLY = new Set([
  'claims.get',
  'claims.checkPhoto',
  'claims.mine',
  'claims.queue',
  'points.ledger',
  'points.leaderboard',
  'points.deductions',
  'shop.offers',
  'shop.offer',
  'shop.vouchers',
  'shop.voucher',
  'shop.merchants',
  'shop.redemptions',
  'shop.settlement',
  'org.settings',
  'governance.publicity',
  'governance.verify',
  'governance.objections',
  'governance.lists',
  'governance.inspections',
  'governance.dashboard',
  'governance.honours',
  'governance.partyReport',
  'governance.audit',
  'learning.list',
  'learning.get',
  'voices.list',
  'voices.get',
  'voices.summary',
  'cards.lookup',
  'cards.get',
  'activities.list',
  'activities.get',
  'activities.teams',
  'user.myData',
  // Writes a file to storage, not to the database.
  'user.exportMine',
  'org.deletionRequests',
  // Its one field is optional, and demo-grid has asked already: asking again (even with nothing) changes nothing.
  'user.requestDeletion',
])

/** Everything stored, as one hash per collection. */
async function snapshot(): Promise<Record<string, string>> {
  const db = cloud.sdk().database()
  const out: Record<string, string> = {}
  for (const name of Object.keys(COLLECTIONS)) {
    const hash = createHash('sha256')
    for (let offset = 0; ; offset += 1000) {
      const page = await db.collection(name).skip(offset).limit(1000).get()
      for (const doc of page.data) hash.update(JSON.stringify(doc))
      if (page.data.length < 1000) break
    }
    out[name] = hash.digest('hex')
  }
  return out
}

const expectRefusal = (action: string, input: unknown, answer: { ok: boolean; code?: string; message?: string }) => {
  if (answer.ok) throw new Error(`${action} accepted ${JSON.stringify(input).slice(0, 200)}`)
  expect(answer.code).toMatch(/^[A-Z_]+(\.[A-Z_]+)?$/)
  expect(answer.code).not.toBe('INTERNAL')
  expect(answer.message).toMatch(/[\u4e00-\u9fa5]/)
}

test('every field of every action, corrupted, is refused with a code and changes nothing', async () => {
  const before = await snapshot()
  const accepted: string[] = []
  for (const [action, { caller, input }] of Object.entries(VALID)) {
    const [fn, name] = action.split('.')
    for (const field of Object.keys(input)) {
      for (const junk of JUNK) {
        // A boolean for a boolean field, or no photos, is not junk.
        const value = input[field]
        if ((typeof value === 'boolean' && typeof junk === 'boolean') || (Array.isArray(value) && Array.isArray(junk) && junk.length === 0)) continue
        const corrupted = { ...input, [field]: junk }
        const answer = await cloud.api(fn, name, corrupted, caller)
        if (answer.ok) accepted.push(`${action} ${field}=${JSON.stringify(junk)?.slice(0, 20)}`)
        else expectRefusal(action, corrupted, answer)
      }
    }
    // Missing everything.
    const empty = await cloud.api(fn, name, {}, caller)
    if (!READ_ONLY.has(action)) expectRefusal(action, {}, empty)
  }
  // Read-only actions may accept an empty optional field; nothing that writes may accept junk.
  expect(accepted.filter((a) => !READ_ONLY.has(a.split(' ')[0]))).toEqual([])
  expect(await snapshot()).toEqual(before)
})

test('random shapes never crash an action', async () => {
  const actions = Object.entries(VALID)
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actions), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), async ([action, { caller }], body) => {
      const [fn, name] = action.split('.')
      const answer = await cloud.api(fn, name, body as Record<string, unknown>, caller)
      if (!answer.ok) expect(answer.code).not.toBe('INTERNAL')
    }),
    { numRuns: 150 },
  )
  expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
})
