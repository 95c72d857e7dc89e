/**
 * Input is validated to the value, not only the shape (issue 10, findings 8 and 9), end to end through the gateway:
 * - every time input is a real instant in a sane range: an offset of +99:99, 30 February, year 99999 or year 1 is
 *   INPUT.INVALID on the field, never INTERNAL; so are days, months, years and quarters that do not exist;
 * - every name and short label (people, org nodes, rules and categories, merchants, offers, places, inspection items)
 *   is printable text counted in characters: no control characters (newline included), no direction controls, not
 *   only zero-width characters, no broken UTF-16, trimmed and NFC-normalised;
 * - free text (descriptions, reasons, notes) refuses control characters other than newline and tab, and the direction
 *   controls.
 */
import { communitySetupInput } from '../../src/core/templates'
import { buildClaim } from '../support/claims'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

let seq = 0
const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`

type Case = { action: string; caller: string; input: () => Record<string, unknown>; path: (string | number)[] }

/** Sets the value at `path` in a fresh copy of the valid input. */
function withValue(input: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(input)
  let at: Record<string | number, unknown> = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path[path.length - 1]] = value
  return copy
}

async function send(c: Case, value: unknown): Promise<ApiAnswer<unknown>> {
  const [fn, name] = c.action.split('.')
  return cloud.api(fn, name, withValue(c.input(), c.path, value), c.caller)
}

/** Refused as bad input on exactly this field, with a Chinese message. */
function expectFieldRefused(answer: ApiAnswer<unknown>, path: (string | number)[], what: string) {
  if (answer.ok || answer.code !== 'INPUT.INVALID') throw new Error(`${what}: expected INPUT.INVALID, got ${JSON.stringify(answer).slice(0, 300)}`)
  expect(answer.message).toMatch(/[\u4e00-\u9fa5]/)
  const issues = (answer.details as { issues?: { path: (string | number)[] }[] })?.issues ?? []
  expect(issues.map((i) => i.path.join('.'))).toContain(path.join('.'))
}

// ---------------------------------------------------------------------------------------------- times and periods

const offer = () => ({ title: '加固测试', kind: 'goods', points: 1, stock: 3, perResidentLimit: 1, validUntil: '2027-01-01T00:00:00+08:00', merchantId: 'demo-merchant-shanzhi', requestId: unique('offer') })

const DATETIME_FIELDS: Case[] = [
  { action: 'claims.submit', caller: 'demo-resident', input: () => buildClaim({ ruleId: 'rule-suggestion', photos: [] }), path: ['occurredAt'] },
  { action: 'shop.saveOffer', caller: 'demo-admin', input: offer, path: ['validUntil'] },
  { action: 'shop.saveOffer', caller: 'demo-admin', input: () => ({ ...offer(), validFrom: '2026-01-01T00:00:00+08:00' }), path: ['validFrom'] },
  { action: 'governance.audit', caller: 'demo-admin', input: () => ({ from: '2026-01-01T00:00:00+08:00' }), path: ['from'] },
  { action: 'governance.audit', caller: 'demo-admin', input: () => ({ to: '2026-01-01T00:00:00+08:00' }), path: ['to'] },
]

/** Near now, so that the claim's own 31-day rule is not what refuses it: the time itself is the problem. */
const recent = () => new Date(Date.now() - 3_600_000).toISOString().slice(0, 19)
const BAD_DATETIMES: [string, () => string][] = [
  ['an offset of +99:99', () => `${recent()}+99:99`],
  ['an offset of -15:00', () => `${recent()}-15:00`],
  ['30 February', () => '2026-02-30T10:00:00+08:00'],
  ['year 99999', () => '99999-01-01T00:00:00Z'],
  ['year +099999', () => '+099999-01-01T00:00:00Z'],
  ['year 1', () => '0001-01-01T00:00:00Z'],
  ['an offset without its colon', () => `${recent()}+0800`],
  ['no zone at all', () => recent()],
]

describe('every datetime input is a real instant in a sane range', () => {
  test.each(DATETIME_FIELDS.map((c) => [`${c.action} ${c.path.join('.')}`, c] as const))('%s refuses impossible times with INPUT.INVALID', async (_name, c) => {
    for (const [what, value] of BAD_DATETIMES) expectFieldRefused(await send(c, value()), c.path, `${c.action} ${what}`)
  })

  test('real times with any real offset are still accepted', async () => {
    expect(await cloud.api('shop', 'saveOffer', { ...offer(), validUntil: '2027-06-01T00:00:00+14:00' }, 'demo-admin')).toMatchObject({ ok: true })
    expect(await cloud.api('shop', 'saveOffer', { ...offer(), validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-06-01T23:59-12:00' }, 'demo-admin')).toMatchObject({ ok: true })
    expect(await cloud.api('governance', 'audit', { from: '2026-01-01T00:00:00-05:30', to: new Date().toISOString() }, 'demo-admin')).toMatchObject({ ok: true })
    expect(await cloud.api('claims', 'submit', buildClaim({ ruleId: 'rule-suggestion', photos: [], occurredAt: `${recent()}+08:00` }), 'demo-resident')).toMatchObject({ ok: true })
  })
})

const PERIOD_FIELDS: [Case, string[]][] = [
  [{ action: 'shop.redemptions', caller: 'demo-merchant', input: () => ({ day: '2026-11-29' }), path: ['day'] }, ['2026-02-30', '2026-13-01', '2026-00-10', '1999-12-31', '99999-01-01']],
  [{ action: 'shop.redemptions', caller: 'demo-merchant', input: () => ({ month: '2026-11' }), path: ['month'] }, ['2026-13', '0000-01', '1999-12']],
  [{ action: 'shop.settlement', caller: 'demo-admin', input: () => ({ month: '2026-11' }), path: ['month'] }, ['2026-13', '0000-01']],
  [{ action: 'points.leaderboard', caller: 'demo-resident', input: () => ({ level: 'resident', period: 'month', key: '2026-11' }), path: ['key'] }, ['2026-13', '0000-01']],
  [{ action: 'points.leaderboard', caller: 'demo-resident', input: () => ({ level: 'resident', period: 'year', key: '2026' }), path: ['key'] }, ['0000', '1900', '9999']],
  [{ action: 'governance.publicity', caller: 'demo-resident', input: () => ({ month: '2026-11' }), path: ['month'] }, ['2026-13', '0000-01']],
  [{ action: 'governance.inspect', caller: 'demo-grid', input: () => ({ courtyardId: 'courtyard-none', month: '2026-11', score: 80 }), path: ['month'] }, ['0000-01', '1999-12']],
  [{ action: 'governance.dashboard', caller: 'demo-admin', input: () => ({ year: '2026' }), path: ['year'] }, ['0000', '1900']],
  [{ action: 'governance.partyReport', caller: 'demo-admin', input: () => ({ quarter: '2026-Q4' }), path: ['quarter'] }, ['0000-Q1', '2026-Q5']],
]

describe('days, months, years and quarters must exist', () => {
  test.each(PERIOD_FIELDS.map(([c, bad]) => [`${c.action} ${c.path.join('.')}`, c, bad] as const))('%s refuses a period that does not exist', async (_name, c, bad) => {
    for (const value of bad) expectFieldRefused(await send(c, value), c.path, `${c.action} ${value}`)
  })

  test('real periods are still accepted', async () => {
    expect(await cloud.api('shop', 'redemptions', { day: '2028-02-29' }, 'demo-merchant')).toMatchObject({ ok: true })
    expect(await cloud.api('points', 'leaderboard', { level: 'resident', period: 'year', key: '2026' }, 'demo-resident')).toMatchObject({ ok: true })
    expect(await cloud.api('governance', 'partyReport', { quarter: '2026-Q1' }, 'demo-admin')).toMatchObject({ ok: true })
  })
})

// ---------------------------------------------------------------------------------------------- names and labels

const INVISIBLE_ONLY = 'zero-width characters only'
/** A bad value inside ordinary text (which it must spoil), except the invisible-only one: that must stay alone. */
const within = (what: string, value: string, before: string, after: string) => (what === INVISIBLE_ONLY ? value : `${before}${value}${after}`)
/** Values no name or label accepts, whatever its length limits. */
const BAD_TEXT: [string, string][] = [
  ['NUL', '张\u0000三丰'],
  ['ESC (a terminal escape)', '张\u001b[31m三丰'],
  ['DEL', '张\u007f三丰'],
  ['a C1 control (NEL)', '张\u0085三丰'],
  ['the RTL override U+202E', '\u202E张三丰'],
  ['an isolate U+2066', '张\u2066三丰'],
  ['a right-to-left mark U+200F', '张三丰\u200F'],
  ['the Arabic letter mark U+061C', '张\u061C三丰'],
  [INVISIBLE_ONLY, '\u200B\u200C\u200D\u2060\uFEFF'],
  ['a lone surrogate', '张\uD800三丰'],
]
/** Line breaks: refused in a name, fine in free text. */
const LINE_BREAKS: [string, string][] = [
  ['a newline', '张三\n丰'],
  ['a carriage return', '张三\r丰'],
  ['a tab', '张三\t丰'],
  ['a line separator U+2028', '张三\u2028丰'],
]

const LABEL_FIELDS: (Case & { min: number })[] = [
  { action: 'user.join', caller: 'hardening-joiner', input: () => ({ inviteCode: 'ABCD2345', name: '新居民' }), path: ['name'], min: 2 },
  { action: 'org.addResident', caller: 'demo-admin', input: () => ({ householdId: 'demo-hh-1', name: '张老太', requestId: unique('add') }), path: ['name'], min: 2 },
  { action: 'org.saveNode', caller: 'demo-admin', input: () => ({ type: 'household', parentId: 'demo-courtyard-1', name: '新户人家', requestId: unique('node') }), path: ['name'], min: 2 },
  { action: 'rules.save', caller: 'demo-admin', input: () => ({ categoryId: 'cat-env', name: '扫雪除冰', points: 1, photosRequired: false, capPerMonth: 2, requestId: unique('rule') }), path: ['name'], min: 2 },
  { action: 'rules.save', caller: 'demo-admin', input: () => ({ categoryName: '新类别', name: '扫雪除冰', points: 1, photosRequired: false, capPerMonth: 2, requestId: unique('rule') }), path: ['categoryName'], min: 1 },
  { action: 'shop.saveMerchant', caller: 'demo-admin', input: () => ({ name: '加固小店', requestId: unique('merchant') }), path: ['name'], min: 2 },
  { action: 'shop.saveMerchant', caller: 'demo-admin', input: () => ({ name: '加固小店', address: '莲花新区1排', requestId: unique('merchant') }), path: ['address'], min: 0 },
  { action: 'shop.saveMerchant', caller: 'demo-admin', input: () => ({ name: '加固小店', contact: '王先生', requestId: unique('merchant') }), path: ['contact'], min: 0 },
  { action: 'shop.saveOffer', caller: 'demo-admin', input: offer, path: ['title'], min: 2 },
  { action: 'org.setPartyMember', caller: 'demo-admin', input: () => ({ residentId: 'r-none', partyMember: true, unit: '街道办' }), path: ['unit'], min: 0 },
  { action: 'claims.submit', caller: 'demo-resident', input: () => buildClaim({ ruleId: 'rule-suggestion', photos: [] }), path: ['place'], min: 2 },
  { action: 'claims.resubmit', caller: 'demo-resident', input: () => ({ claimId: 'cl-none', photos: [], place: '院门口', requestId: unique('resubmit') }), path: ['place'], min: 2 },
  {
    action: 'governance.inspect',
    caller: 'demo-grid',
    input: () => ({ courtyardId: 'courtyard-none', month: '2026-11', score: 80, items: [{ name: '垃圾分类', score: 80 }] }),
    path: ['items', 0, 'name'],
    min: 1,
  },
]

describe('names and short labels are printable text, counted in characters', () => {
  test.each(LABEL_FIELDS.map((c) => [`${c.action} ${c.path.join('.')}`, c] as const))('%s refuses controls, line breaks, direction controls and invisible text', async (_name, c) => {
    for (const [what, value] of [...BAD_TEXT, ...LINE_BREAKS]) expectFieldRefused(await send(c, value), c.path, `${c.action} ${what}`)
    // One character outside the Basic Multilingual Plane is one character: below a minimum of two.
    if (c.min >= 2) expectFieldRefused(await send(c, '𠀀'), c.path, `${c.action} one astral character`)
  })

  test('a name is trimmed, NFC-normalised and counted in code points', async () => {
    // "Zoë" typed with a combining diaeresis is stored as the one precomposed letter.
    const decomposed = await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: '  Zoe\u0308 王  ', requestId: unique('add') }, 'demo-admin')
    expect(decomposed).toMatchObject({ ok: true, data: { resident: { name: 'Zo\u00eb 王' } } })
    // Twenty characters from CJK Extension B are twenty characters (forty UTF-16 units): accepted; twenty-one are not.
    const twenty = '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓'
    expect([...twenty]).toHaveLength(20)
    expect(await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: twenty, requestId: unique('add') }, 'demo-admin')).toMatchObject({ ok: true })
    expectFieldRefused(await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: `${twenty}𠀔`, requestId: unique('add') }, 'demo-admin'), ['name'], 'twenty-one characters')
    // Zero-width characters beside visible ones do not count towards the minimum.
    expectFieldRefused(await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: '张\u200B', requestId: unique('add') }, 'demo-admin'), ['name'], 'one visible character')
  })

  test('the community name that npm run setup takes follows the same rule', () => {
    for (const [what, value] of [...BAD_TEXT, ...LINE_BREAKS]) expect(communitySetupInput.safeParse({ name: within(what, value, '某某', '社区') }).success).toBe(false)
    expect(communitySetupInput.safeParse({ name: '𠀀' }).success).toBe(false)
    expect(communitySetupInput.parse({ name: '  昌宁社区 ' }).name).toBe('昌宁社区')
  })
})

// ---------------------------------------------------------------------------------------------- free text

const FREE_TEXT_FIELDS: Case[] = [
  { action: 'claims.submit', caller: 'demo-resident', input: () => buildClaim({ ruleId: 'rule-suggestion', photos: [] }), path: ['description'] },
  { action: 'claims.resubmit', caller: 'demo-resident', input: () => ({ claimId: 'cl-none', photos: [], description: '补充说明', requestId: unique('resubmit') }), path: ['description'] },
  { action: 'claims.review', caller: 'demo-head', input: () => ({ claimId: 'cl-none', decision: 'reject', reason: '不属于积分细则' }), path: ['reason'] },
  { action: 'points.adjust', caller: 'demo-admin', input: () => ({ residentId: 'demo-r-resident', delta: 1, reason: '补记积分', requestId: unique('adjust') }), path: ['reason'] },
  { action: 'points.reverse', caller: 'demo-admin', input: () => ({ entryId: 'no-such-entry', reason: '冲正原因' }), path: ['reason'] },
  { action: 'governance.object', caller: 'demo-resident', input: () => ({ entryId: 'entry-none', reason: '这条记录有问题', photos: [], requestId: unique('object') }), path: ['reason'] },
  { action: 'governance.resolve', caller: 'demo-admin', input: () => ({ objectionId: 'ob-none', decision: 'dismiss', note: '经核实' }), path: ['note'] },
  { action: 'governance.propose', caller: 'demo-admin', input: () => ({ list: 'red', residentId: 'r-none', reason: '热心帮助邻居', points: 1, requestId: unique('propose') }), path: ['reason'] },
  { action: 'governance.inspect', caller: 'demo-grid', input: () => ({ courtyardId: 'courtyard-none', month: '2026-11', score: 80, notes: '整体干净' }), path: ['notes'] },
  { action: 'shop.saveOffer', caller: 'demo-admin', input: () => ({ ...offer(), description: '每人一袋' }), path: ['description'] },
  { action: 'shop.reviewOffer', caller: 'demo-admin', input: () => ({ offerId: 'offer-none', decision: 'reject', note: '图片不清楚' }), path: ['note'] },
]

describe('free text refuses control characters other than newline and tab, and direction controls', () => {
  test.each(FREE_TEXT_FIELDS.map((c) => [`${c.action} ${c.path.join('.')}`, c] as const))('%s', async (_name, c) => {
    for (const [what, value] of BAD_TEXT) expectFieldRefused(await send(c, within(what, value, '', '，这是说明')), c.path, `${c.action} ${what}`)
  })

  test('newlines and tabs are fine in free text (a Windows line break becomes a newline)', async () => {
    const answer = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 1, reason: '第一行\r\n第二行\t完', requestId: unique('adjust') }, 'demo-admin')
    expect(answer).toMatchObject({ ok: true })
    const entry = (answer as { data: { entry: Record<string, unknown> } }).data.entry
    expect(JSON.stringify(entry)).toContain('第一行\\n第二行\\t完')
  })
})
