/**
 * The authorisation matrix: every role × every action, with a target in the caller's scope and one
 * outside it. "allowed" means the answer is not an AUTH refusal (it may still be a domain answer such
 * as CLAIM.CAP_REACHED); "denied" means AUTH.FORBIDDEN, AUTH.UNAUTHENTICATED or NOT_FOUND (a target
 * outside the caller's reach is not even admitted to exist).
 */
import type { Claim } from '../../src/core/claim-input'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
/** A rule with no cap and no photos, so that every case can make as many claims as it needs. */
let openRule: string
beforeAll(async () => {
  cloud = await startCloud()
  const rule = await cloud.api('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 0.5, photosRequired: false, capPerMonth: 0 }, 'demo-admin')
  if (!rule.ok) throw new Error(rule.message)
  openRule = rule.data.rule.id
  // An offer anyone may take many of, and points for demo-resident to take them with.
  const offer = await cloud.api(
    'shop',
    'saveOffer',
    { title: '矩阵测试券', kind: 'coupon', points: 1, stock: 1000, perResidentLimit: 100, validUntil: new Date(Date.now() + 86_400_000).toISOString(), merchantId: 'demo-merchant-shanzhi' },
    'demo-admin',
  )
  if (!offer.ok) throw new Error(offer.message)
  matrixOffer = offer.data.offer.id
  // Decided objections and listings: deciding them again is a domain refusal for the admin, a denial for everyone else.
  const db = cloud.sdk().database()
  await db.collection('objections').doc('ob-matrix').set({ communityId: 'demo-community', entryId: 'adjust:demo-community:matrix-points-1', status: 'dismissed', month: '2026-11' })
  await db.collection('listings').doc('ls-matrix').set({ communityId: 'demo-community', list: 'red', status: 'rejected', residentIds: ['demo-r-resident'] })
  // A deletion request carried out already: carrying it out again is a domain refusal for the admin, a denial for everyone else.
  await db.collection('deletionRequests').doc('dr-matrix').set({ communityId: 'demo-community', status: 'done', name: '已注销居民', residentId: null, courtyardName: '', requestedAt: '2026-11-01T00:00:00.000Z' })
  const adjusted = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 500, reason: '矩阵测试的积分', requestId: 'matrix-points-1' }, 'demo-admin')
  if (!adjusted.ok) throw new Error(adjusted.message)
})
let matrixOffer: string

/** A voucher of demo-resident's, waiting to be used: a fresh one for each caller. */
async function freshVoucher(): Promise<string> {
  const a = await cloud.api('shop', 'exchange', { offerId: matrixOffer, requestId: `matrix-voucher-${++n}` }, 'demo-resident')
  if (!a.ok) throw new Error(a.message)
  return a.data.voucher.id
}

async function freshCode(): Promise<string> {
  const a = await cloud.api('shop', 'code', { voucherId: await freshVoucher() }, 'demo-resident')
  if (!a.ok) throw new Error(a.message)
  return a.data.code
}

async function pendingOffer(): Promise<string> {
  const a = await cloud.api(
    'shop',
    'saveOffer',
    { title: '店员发布的商品', kind: 'goods', points: 2, stock: 5, perResidentLimit: 1, validUntil: new Date(Date.now() + 86_400_000).toISOString(), requestId: `matrix-offer-${++n}` },
    'demo-merchant',
  )
  if (!a.ok) throw new Error(a.message)
  return a.data.offer.id
}
afterAll(() => cloud?.stop())

/** A resident without a phone in 1号院, added for one call. */
async function freshResident(): Promise<string> {
  const a = await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: '矩阵居民', requestId: `matrix-fresh-${++n}-x` }, 'demo-admin')
  if (!a.ok) throw new Error(a.message)
  return a.data.resident.id
}

/** A deduction the admin recorded (with her own photo), waiting for a second person. */
async function adminDeduction(): Promise<string> {
  const photo = await upload(cloud, 'demo-admin', photoBytes(++n))
  const a = await cloud.api('points', 'deduct', { residentId: 'demo-r-resident', item: '乱倒垃圾', points: 1, reason: '矩阵测试的经过', photos: [photo], requestId: `matrix-add-dd-${n}` }, 'demo-admin')
  if (!a.ok) throw new Error(a.message)
  return a.data.deduction.id
}

/** A lesson of the demo community, published once for every caller. */
let lessonMade: Promise<string> | undefined
function matrixLesson(): Promise<string> {
  lessonMade ??= cloud
    .api('learning', 'save', { title: '矩阵测试课', body: '矩阵测试的学习内容，写满十个字', quiz: [{ question: '矩阵测试题', options: ['对', '错'], answer: 0 }], points: 1, requestId: 'matrix-lesson-0' }, 'demo-admin')
    .then((a) => {
      if (!a.ok) throw new Error(a.message)
      return a.data.lesson.id
    })
  return lessonMade
}

/** 刘福贵's card (issued by the admin once, PIN 2580): its token. */
let cardMade: Promise<string> | undefined
function matrixCard(): Promise<string> {
  cardMade ??= (async () => {
    const a = await cloud.api('cards', 'issue', { residentId: 'demo-r-liu' }, 'demo-admin')
    if (!a.ok) throw new Error(a.message)
    const pin = await cloud.api('cards', 'setPin', { residentId: 'demo-r-liu', pin: '2580' }, 'demo-admin')
    if (!pin.ok) throw new Error(pin.message)
    return a.data.card.token as string
  })()
  return cardMade
}

/** A 说事 post of demo-resident's (courtyard 1, grid 1): a suggestion made once; a hazard (with her photo) or a wish made fresh. */
let suggestionMade: Promise<string> | undefined
async function matrixPost(kind: 'suggestion' | 'wish' | 'hazard'): Promise<string> {
  const make = async () => {
    const photos = kind === 'hazard' ? [await upload(cloud, 'demo-resident', photoBytes(++n))] : undefined
    const a = await cloud.api('voices', 'post', { kind, title: '矩阵说事', text: '矩阵测试的说事内容', place: '1号院门口', photos, requestId: `matrix-voice-${++n}` }, 'demo-resident')
    if (!a.ok) throw new Error(a.message)
    return a.data.post.id as string
  }
  if (kind === 'suggestion') return (suggestionMade ??= make())
  return make()
}
/** A wish of demo-resident's taken to `step`: published, taken by demo-resident-2, fulfilled (with his photo). */
async function matrixWish(step: 'public' | 'taken' | 'fulfilled'): Promise<string> {
  const postId = await matrixPost('wish')
  const go = async (fn: string, action: string, input: Record<string, unknown>, by: string) => {
    const a = await cloud.api(fn, action, { postId, ...input }, by)
    if (!a.ok) throw new Error(a.message)
  }
  await go('voices', 'decide', { decision: 'publish', note: '' }, 'demo-admin')
  if (step !== 'public') await go('voices', 'take', {}, 'demo-resident-2')
  if (step === 'fulfilled') await go('voices', 'fulfil', { photos: [await upload(cloud, 'demo-resident-2', photoBytes(++n))] }, 'demo-resident-2')
  return postId
}

/** An activity the admin publishes for the matrix: `startsIn` ms from now, a day long; made once per title. */
const activitiesMade = new Map<string, Promise<string>>()
function matrixActivity(title: string, startsIn: number): Promise<string> {
  if (!activitiesMade.has(title)) {
    const startAt = new Date(Date.now() + startsIn).toISOString()
    const endAt = new Date(Date.now() + startsIn + 86_400_000).toISOString()
    activitiesMade.set(
      title,
      cloud.api('activities', 'save', { title, place: '社区广场', startAt, endAt, points: 1, requestId: `matrix-${title}` }, 'demo-admin').then((a) => {
        if (!a.ok) throw new Error(a.message)
        return a.data.activity.id
      }),
    )
  }
  return activitiesMade.get(title)!
}
/** Open for sign-up (it starts in a day), and one open for check-in (it started a minute ago). */
const upcomingActivity = () => matrixActivity('矩阵活动', 86_400_000)
const runningActivity = () => matrixActivity('矩阵签到', -60_000)
/** Every resident caller signed up (so that each may cancel). */
async function everyoneSignedUp(): Promise<string> {
  const activityId = await upcomingActivity()
  for (const r of RESIDENTS) await cloud.api('activities', 'signup', { activityId }, r)
  return activityId
}
async function checkinCode(): Promise<string> {
  const a = await cloud.api('activities', 'checkinCode', { activityId: await runningActivity() }, 'demo-admin')
  if (!a.ok) throw new Error(a.message)
  return a.data.code
}
let teamMade: Promise<string> | undefined
function matrixTeam(): Promise<string> {
  teamMade ??= cloud.api('activities', 'saveTeam', { name: '矩阵服务队', leaderId: 'demo-r-resident', requestId: 'matrix-team-0' }, 'demo-admin').then((a) => {
    if (!a.ok) throw new Error(a.message)
    return a.data.team.id
  })
  return teamMade
}

/** An empty category, added for one call. */
async function emptyCategory(): Promise<string> {
  const a = await cloud.api('rules', 'saveCategory', { name: `空类别${++n}`, requestId: `matrix-empty-${n}-x` }, 'demo-admin')
  if (!a.ok) throw new Error(a.message)
  return a.data.category.id
}

const CALLERS = ['demo-resident', 'demo-resident-2', 'demo-head', 'demo-head-2', 'demo-grid', 'demo-admin', 'demo-merchant', 'stranger', null] as const
type Caller = (typeof CALLERS)[number]
const MEMBERS: Caller[] = ['demo-resident', 'demo-resident-2', 'demo-head', 'demo-head-2', 'demo-grid', 'demo-admin', 'demo-merchant']
const RESIDENTS: Caller[] = ['demo-resident', 'demo-resident-2', 'demo-head', 'demo-head-2']

/** A claim by demo-resident (courtyard 1) waiting for the head: a fresh one for each caller, so callers don't affect each other. */
async function freshClaim(): Promise<string> {
  const a = await cloud.api<{ claim: Claim }>('claims', 'submit', buildClaim({ ruleId: openRule, photos: [] }), 'demo-resident')
  if (!a.ok) throw new Error(a.message)
  return a.data.claim.id
}

interface Case {
  action: string
  allowed: Caller[]
  input: () => Promise<Record<string, unknown>> | Record<string, unknown>
}

let n = 0
const CASES: Case[] = [
  { action: 'user.me', allowed: MEMBERS, input: () => ({}) },
  { action: 'user.myData', allowed: MEMBERS, input: () => ({}) },
  // 大字模式: each member's own choice (turned off again at once: nothing else depends on it).
  { action: 'user.setPreferences', allowed: MEMBERS, input: () => ({ elderMode: false }) },
  { action: 'user.exportMine', allowed: MEMBERS, input: () => ({}) },
  // A pending request changes nothing until the admin carries it out; asking again answers the same request.
  { action: 'user.requestDeletion', allowed: MEMBERS, input: () => ({ requestId: `matrix-del-${++n}-x` }) },
  { action: 'org.deletionRequests', allowed: ['demo-admin'], input: () => ({}) },
  { action: 'org.processDeletion', allowed: ['demo-admin'], input: () => ({ deletionId: 'dr-matrix' }) },
  { action: 'rules.list', allowed: MEMBERS, input: () => ({}) },
  { action: 'rules.save', allowed: ['demo-admin'], input: () => ({ categoryId: 'cat-env', name: '扫雪除冰', points: 1, photosRequired: false, capPerMonth: 2, requestId: `matrix-rule-${++n}-xx` }) },
  { action: 'rules.disable', allowed: ['demo-admin'], input: () => ({ ruleId: 'rule-training', enabled: true }) },
  { action: 'org.tree', allowed: ['demo-head', 'demo-head-2', 'demo-grid', 'demo-admin'], input: () => ({}) },
  { action: 'org.issueInvite', allowed: ['demo-head', 'demo-admin'], input: () => ({ courtyardId: 'demo-courtyard-1' }) },
  { action: 'org.saveNode', allowed: ['demo-admin'], input: () => ({ type: 'household', parentId: 'demo-courtyard-1', name: '新户人家', requestId: `matrix-node-${++n}-x` }) },
  { action: 'org.assignRole', allowed: ['demo-admin'], input: () => ({ openid: 'demo-grid', role: 'grid', nodeId: 'demo-grid-1' }) },
  { action: 'org.addResident', allowed: ['demo-head', 'demo-grid', 'demo-admin'], input: () => ({ householdId: 'demo-hh-1', name: '张老太', requestId: `matrix-res-${++n}-x` }) },
  { action: 'claims.submit', allowed: RESIDENTS, input: () => buildClaim({ ruleId: openRule, photos: [] }) },
  { action: 'claims.mine', allowed: MEMBERS, input: () => ({}) },
  { action: 'claims.queue', allowed: ['demo-head', 'demo-head-2', 'demo-grid'], input: () => ({}) },
  { action: 'claims.get', allowed: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'], input: async () => ({ claimId: await freshClaim() }) },
  { action: 'claims.review', allowed: ['demo-head'], input: async () => ({ claimId: await freshClaim(), decision: 'return', reason: '请补充照片' }) },
  { action: 'claims.withdraw', allowed: ['demo-resident'], input: async () => ({ claimId: await freshClaim() }) },
  { action: 'points.balance', allowed: MEMBERS, input: () => ({}) },
  { action: 'points.ledger', allowed: MEMBERS, input: () => ({}) },
  // Another resident's (张秀英 of courtyard 1): the admin, the head of her courtyard, the grid worker of her grid, and she herself.
  { action: 'points.balance', allowed: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident' }) },
  { action: 'points.ledger', allowed: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident' }) },
  { action: 'points.resident', allowed: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident' }) },
  { action: 'points.leaderboard', allowed: MEMBERS, input: () => ({ level: 'courtyard', period: 'year', key: '2026' }) },
  {
    action: 'points.reverse',
    allowed: ['demo-admin'],
    input: async () => {
      const made = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 0.5, reason: '待冲正', requestId: `matrix-rev-${++n}-x` }, 'demo-admin')
      if (!made.ok) throw new Error(made.message)
      return { entryId: made.data.entry.id, reason: '矩阵测试' }
    },
  },
  // 扣分项: recorded by a grid worker of the resident's grid or the admin (the photo is nobody's: CLAIM.EVIDENCE_INVALID
  // after the door); the queue is theirs; one resident's by those and the resident; passed by a second person only.
  { action: 'points.deduct', allowed: ['demo-grid', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident', item: '乱堆乱放', points: 1, reason: '矩阵测试的经过', photos: ['cloud://local.evidence/nobody/a.png'], requestId: `matrix-dd-${++n}-x` }) },
  { action: 'points.deductions', allowed: ['demo-grid', 'demo-admin'], input: () => ({}) },
  { action: 'points.deductions', allowed: ['demo-resident', 'demo-grid', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident' }) },
  { action: 'points.decideDeduction', allowed: ['demo-grid'], input: async () => ({ deductionId: await adminDeduction(), decision: 'reject', note: '矩阵测试' }) },
  // Moving and registering one who moved away: a resident added for the purpose, each time.
  { action: 'org.moveResident', allowed: ['demo-admin'], input: async () => ({ residentId: await freshResident(), householdId: 'demo-hh-2', requestId: `matrix-mv-${++n}-x` }) },
  { action: 'org.removeResident', allowed: ['demo-admin'], input: async () => ({ residentId: await freshResident(), reason: '搬走了', requestId: `matrix-rm-${++n}-x` }) },
  { action: 'rules.saveCategory', allowed: ['demo-admin'], input: () => ({ name: `矩阵类别${++n}`, requestId: `matrix-cat-${n}-xx` }) },
  { action: 'rules.moveCategory', allowed: ['demo-admin'], input: () => ({ categoryId: 'cat-env', direction: 'down' }) },
  { action: 'rules.moveRule', allowed: ['demo-admin'], input: () => ({ ruleId: 'rule-training', direction: 'up' }) },
  { action: 'rules.removeCategory', allowed: ['demo-admin'], input: async () => ({ categoryId: await emptyCategory() }) },
  // The timer's work: only the platform (no WeChat user) runs it.
  { action: 'jobs.tick', allowed: [null], input: () => ({}) },
  // A photo check's result, pushed by WeChat: a push may carry a user's context, so nobody is turned away; only a trace
  // id the platform issued does anything (one made up here is kept aside as an unclaimed early result).
  { action: 'jobs.mediaChecked', allowed: [...CALLERS], input: () => ({ traceId: `matrix-trace-${++n}`, suggest: 'pass' }) },
  { action: 'points.adjust', allowed: ['demo-admin'], input: () => ({ residentId: 'demo-r-resident', delta: 0.5, reason: '矩阵测试', requestId: `matrix-adj-${++n}-x` }) },
  { action: 'shop.offers', allowed: MEMBERS, input: () => ({}) },
  { action: 'shop.offer', allowed: MEMBERS, input: () => ({ offerId: 'offer-detergent' }) },
  {
    action: 'shop.saveOffer',
    allowed: ['demo-admin', 'demo-merchant'],
    input: () => ({ title: '矩阵商品', kind: 'goods', points: 1, stock: 1, perResidentLimit: 1, validUntil: new Date(Date.now() + 86_400_000).toISOString(), merchantId: 'demo-merchant-shanzhi', requestId: `matrix-save-${++n}` }),
  },
  { action: 'shop.reviewOffer', allowed: ['demo-admin'], input: async () => ({ offerId: await pendingOffer(), decision: 'approve' }) },
  // Everyone without points is refused with POINTS.INSUFFICIENT, which is not an AUTH refusal; those who are not residents may not exchange.
  { action: 'shop.exchange', allowed: RESIDENTS, input: () => ({ offerId: 'offer-toothpaste', requestId: `matrix-exchange-${++n}` }) },
  { action: 'shop.vouchers', allowed: MEMBERS, input: () => ({}) },
  { action: 'shop.voucher', allowed: ['demo-resident', 'demo-admin', 'demo-merchant'], input: async () => ({ voucherId: await freshVoucher() }) },
  { action: 'shop.code', allowed: ['demo-resident'], input: async () => ({ voucherId: await freshVoucher() }) },
  { action: 'shop.redeem', allowed: ['demo-merchant'], input: async () => ({ code: await freshCode() }) },
  { action: 'shop.cancel', allowed: ['demo-resident', 'demo-admin'], input: async () => ({ voucherId: await freshVoucher() }) },
  { action: 'shop.redemptions', allowed: ['demo-merchant'], input: () => ({ month: '2026-11' }) },
  { action: 'shop.settlement', allowed: ['demo-merchant', 'demo-admin'], input: () => ({ month: '2026-11' }) },
  { action: 'shop.exportSettlement', allowed: ['demo-admin'], input: () => ({ month: '2026-11' }) },
  { action: 'shop.merchants', allowed: ['demo-admin'], input: () => ({}) },
  { action: 'shop.saveMerchant', allowed: ['demo-admin'], input: () => ({ name: '矩阵小店', requestId: `matrix-merchant-${++n}` }) },
  { action: 'shop.setMerchantStatus', allowed: ['demo-admin'], input: () => ({ merchantId: 'demo-merchant-shanzhi', status: 'active' }) },
  { action: 'shop.clerkInvite', allowed: ['demo-admin'], input: () => ({ merchantId: 'demo-merchant-shanzhi' }) },
  { action: 'org.settings', allowed: MEMBERS, input: () => ({}) },
  { action: 'org.updateSettings', allowed: ['demo-admin'], input: () => ({ publicityDays: 7 }) },
  { action: 'org.setPartyMember', allowed: ['demo-admin'], input: () => ({ residentId: 'demo-r-head', partyMember: true, unit: '街道办' }) },
  // A month not closed: members may read its board; closing the previous month is the admin's (answered the same each time).
  { action: 'governance.publicity', allowed: MEMBERS, input: () => ({ month: '2026-11' }) },
  { action: 'governance.closeMonth', allowed: ['demo-admin'], input: () => ({ month: previousMonthKey() }) },
  { action: 'governance.verify', allowed: MEMBERS, input: () => ({ month: previousMonthKey() }) },
  { action: 'governance.exportPublicity', allowed: ['demo-admin'], input: () => ({ month: thisMonthKey() }) },
  // Objections to an entry of an open month are refused with WINDOW_CLOSED (a domain answer) for every member.
  { action: 'governance.object', allowed: MEMBERS, input: () => ({ entryId: 'adjust:demo-community:matrix-points-1', reason: '矩阵测试的异议理由', requestId: `matrix-ob-${++n}` }) },
  { action: 'governance.objections', allowed: ['demo-admin'], input: () => ({}) },
  { action: 'governance.resolve', allowed: ['demo-admin'], input: () => ({ objectionId: 'ob-matrix', decision: 'dismiss', note: '矩阵测试' }) },
  { action: 'governance.propose', allowed: ['demo-grid', 'demo-admin'], input: () => ({ list: 'red', residentId: 'demo-r-resident', reason: '矩阵测试的提名', requestId: `matrix-ls-${++n}` }) },
  { action: 'governance.confirm', allowed: ['demo-admin'], input: () => ({ listingId: 'ls-matrix', decision: 'reject' }) },
  { action: 'governance.lists', allowed: MEMBERS, input: () => ({}) },
  { action: 'governance.inspect', allowed: ['demo-grid'], input: () => ({ courtyardId: 'demo-courtyard-1', month: '2026-11', score: 80 }) },
  { action: 'governance.inspections', allowed: MEMBERS, input: () => ({ month: '2026-11' }) },
  // This month is not over: the admin is told so; the others are not admitted.
  { action: 'governance.awardInspections', allowed: ['demo-admin'], input: () => ({ month: thisMonthKey() }) },
  { action: 'governance.dashboard', allowed: ['demo-grid', 'demo-admin'], input: () => ({ year: '2026' }) },
  { action: 'governance.honours', allowed: MEMBERS, input: () => ({ year: '2026' }) },
  { action: 'governance.partyReport', allowed: ['demo-admin'], input: () => ({ quarter: '2026-Q4' }) },
  { action: 'governance.audit', allowed: ['demo-admin'], input: () => ({}) },
  { action: 'activities.save', allowed: ['demo-admin', 'demo-grid'], input: () => ({ title: '矩阵发布', place: '社区广场', startAt: new Date(Date.now() + 86_400_000).toISOString(), endAt: new Date(Date.now() + 90_000_000).toISOString(), points: 1, requestId: `matrix-act-${++n}` }) },
  { action: 'activities.list', allowed: MEMBERS, input: () => ({}) },
  { action: 'activities.get', allowed: MEMBERS, input: async () => ({ activityId: await upcomingActivity() }) },
  { action: 'activities.signup', allowed: RESIDENTS, input: async () => ({ activityId: await upcomingActivity() }) },
  { action: 'activities.cancelSignup', allowed: RESIDENTS, input: async () => ({ activityId: await everyoneSignedUp() }) },
  { action: 'activities.checkinCode', allowed: ['demo-admin'], input: async () => ({ activityId: await runningActivity() }) },
  { action: 'activities.checkin', allowed: RESIDENTS, input: async () => ({ code: await checkinCode() }) },
  { action: 'activities.checkinFor', allowed: ['demo-admin'], input: async () => ({ activityId: await runningActivity(), residentId: 'demo-r-liu' }) },
  // A fresh activity that has started, for each caller: finishing it is the organiser's (the admin's).
  { action: 'activities.finish', allowed: ['demo-admin'], input: async () => ({ activityId: await matrixActivity(`矩阵结束${++n}`, -60_000) }) },
  { action: 'activities.exportAttendance', allowed: ['demo-admin'], input: async () => ({ activityId: await everyoneSignedUp() }) },
  { action: 'activities.teams', allowed: MEMBERS, input: () => ({}) },
  { action: 'activities.saveTeam', allowed: ['demo-admin'], input: () => ({ name: '矩阵新队', leaderId: 'demo-r-resident', requestId: `matrix-team-${++n}` }) },
  { action: 'activities.joinTeam', allowed: RESIDENTS, input: async () => ({ teamId: await matrixTeam() }) },
  { action: 'activities.leaveTeam', allowed: RESIDENTS, input: async () => ({ teamId: await matrixTeam() }) },
  // 积分卡: the admin and the holder's 院长 keep them (the other courtyard's head may not); staff and clerks read them.
  { action: 'cards.get', allowed: ['demo-head', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident-2' }) },
  { action: 'cards.issue', allowed: ['demo-head', 'demo-admin'], input: () => ({ residentId: 'demo-r-resident-2' }) },
  { action: 'cards.setPin', allowed: ['demo-head', 'demo-admin'], input: async () => (await cloud.api('cards', 'issue', { residentId: 'demo-r-resident-2' }, 'demo-admin'), { residentId: 'demo-r-resident-2', pin: '1234' }) },
  { action: 'cards.revoke', allowed: ['demo-head', 'demo-admin'], input: async () => (await cloud.api('cards', 'issue', { residentId: 'demo-r-resident-2' }, 'demo-admin'), { residentId: 'demo-r-resident-2' }) },
  { action: 'cards.sheet', allowed: ['demo-head', 'demo-admin'], input: () => ({ courtyardId: 'demo-courtyard-1' }) },
  { action: 'cards.lookup', allowed: ['demo-head', 'demo-head-2', 'demo-grid', 'demo-admin', 'demo-merchant'], input: async () => ({ token: await matrixCard() }) },
  { action: 'shop.exchangeByCard', allowed: ['demo-admin', 'demo-merchant'], input: async () => ({ token: await matrixCard(), pin: '2580', offerId: matrixOffer, requestId: `matrix-card-${++n}` }) },
  { action: 'voices.post', allowed: MEMBERS, input: () => ({ kind: 'suggestion', title: '矩阵建议', text: '矩阵测试的建议内容', requestId: `matrix-vp-${++n}` }) },
  { action: 'voices.list', allowed: MEMBERS, input: () => ({ kind: 'suggestion' }) },
  { action: 'voices.get', allowed: MEMBERS, input: async () => ({ postId: await matrixPost('suggestion') }) },
  // Staff over courtyard 1 answer; another courtyard's head may not.
  { action: 'voices.reply', allowed: ['demo-head', 'demo-grid', 'demo-admin'], input: async () => ({ postId: await matrixPost('suggestion'), text: '矩阵测试的回复' }) },
  { action: 'voices.support', allowed: MEMBERS, input: async () => ({ postId: await matrixPost('suggestion') }) },
  // A hazard is the grid's (or the admin's) to handle; the head sees it but may not decide; it is nobody else's to see.
  { action: 'voices.decide', allowed: ['demo-grid', 'demo-admin'], input: async () => ({ postId: await matrixPost('hazard'), decision: 'accept', note: '' }) },
  // Any registered resident but the poster (her own answers INPUT.INVALID, not a denial).
  { action: 'voices.take', allowed: RESIDENTS, input: async () => ({ postId: await matrixWish('public') }) },
  { action: 'voices.fulfil', allowed: ['demo-resident-2'], input: async () => ({ postId: await matrixWish('taken'), photos: [await upload(cloud, 'demo-resident-2', photoBytes(++n))] }) },
  // The poster, or staff over her courtyard for her.
  { action: 'voices.confirm', allowed: ['demo-resident', 'demo-head', 'demo-grid', 'demo-admin'], input: async () => ({ postId: await matrixWish('fulfilled'), rating: 5 }) },
  { action: 'voices.withdraw', allowed: ['demo-resident', 'demo-admin'], input: async () => ({ postId: await matrixWish('public') }) },
  { action: 'voices.summary', allowed: ['demo-admin'], input: () => ({}) },
  { action: 'voices.export', allowed: ['demo-admin'], input: () => ({ month: thisMonthKey() }) },
  { action: 'learning.list', allowed: MEMBERS, input: () => ({}) },
  { action: 'learning.get', allowed: MEMBERS, input: async () => ({ lessonId: await matrixLesson() }) },
  { action: 'learning.save', allowed: ['demo-admin'], input: () => ({ title: '矩阵测试课', body: '矩阵测试的学习内容，写满十个字', quiz: [{ question: '矩阵测试题', options: ['对', '错'], answer: 0 }], points: 1, requestId: `matrix-lesson-${++n}` }) },
  // Wrong answers (nothing paid): every resident may answer; staff who are not residents may not.
  { action: 'learning.answer', allowed: RESIDENTS, input: async () => ({ lessonId: await matrixLesson(), answers: [1], requestId: `matrix-answer-${++n}` }) },
]

/** This month and last month, in Asia/Shanghai. */
function thisMonthKey(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())
}
function previousMonthKey(): string {
  const [y, m] = thisMonthKey().split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

const DENIED = ['AUTH.FORBIDDEN', 'AUTH.UNAUTHENTICATED', 'NOT_FOUND']

describe.each(CASES)('$action', ({ action, allowed, input }) => {
  test.each(CALLERS.map((c) => [c ?? 'anonymous', c]))('%s', async (_label, caller) => {
    const [fn, name] = action.split('.')
    const answer = await cloud.api(fn, name, await input(), caller)
    if (allowed.includes(caller)) {
      if (!answer.ok) expect(DENIED).not.toContain(answer.code)
    } else {
      expect(answer.ok).toBe(false)
      if (!answer.ok) expect(DENIED).toContain(answer.code)
    }
  })
})

describe('out of scope', () => {
  test('a head cannot act on another courtyard: invites, residents, reviews, claims', async () => {
    expect(await cloud.api('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head-2')).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: '某某', requestId: 'scope-res-01' }, 'demo-head-2')).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    const claimId = await freshClaim()
    expect(await cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-head-2')).toMatchObject({ code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('claims', 'get', { claimId }, 'demo-head-2')).toMatchObject({ code: 'NOT_FOUND' })
    expect(await cloud.api('claims', 'submit', buildClaim({ ruleId: openRule, onBehalfOf: 'demo-r-resident' }), 'demo-head-2')).toMatchObject({ code: 'AUTH.FORBIDDEN' })
  })

  test('the head’s queue holds only their courtyard’s claims, oldest first, never their own household’s', async () => {
    const claimId = await freshClaim()
    /** Every page of a caller's queue, following the cursor. */
    const wholeQueue = async (openid: string) => {
      const items: Claim[] = []
      let cursor: string | undefined
      do {
        const page = await cloud.api('claims', 'queue', cursor ? { cursor } : {}, openid)
        if (!page.ok) throw new Error(page.message)
        items.push(...page.data.items)
        cursor = page.data.cursor
      } while (cursor)
      return items
    }
    const head1 = await wholeQueue('demo-head')
    expect(head1.length).toBeGreaterThan(20)
    expect(head1.map((c) => c.id)).toContain(claimId)
    expect(new Set(head1.map((c) => c.id)).size).toBe(head1.length)
    expect(head1.map((c) => c.createdAt)).toEqual([...head1.map((c) => c.createdAt)].sort())
    for (const c of head1) expect(c).toMatchObject({ courtyardId: 'demo-courtyard-1', status: 'submitted' })
    expect(head1.some((c) => c.householdId === 'demo-hh-3')).toBe(false)
    expect((await wholeQueue('demo-head-2')).map((c) => c.id)).not.toContain(claimId)
  })
})
