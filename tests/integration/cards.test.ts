/**
 * 积分卡 and 柜台兑换 (issue 15) through the real SDK against the local cloud: issue, revoke and re-issue; forged and
 * altered tokens; the PIN (wrong, locked after five within 30 minutes, open again 30 minutes later with the clock
 * moved; never stored or logged in clear); the counter exchange with every refusal of shop.exchange; a race of two
 * counter exchanges on the last item; and 刘福贵, who has no phone, earning by proxy and spending at the counter.
 */
import { buildClaim, photoBytes, upload } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
let n = 0
const rid = (p: string) => `${p}-${++n}-cards`
const LIU = 'demo-r-liu' // 刘福贵, no phone, courtyard 1 (head demo-head), born 1946
const MERCHANT = 'demo-merchant-shanzhi' // 善治超市, clerk demo-merchant

beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())
afterEach(() => cloud.setClock(0))

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (fn: string, action: string, input: Record<string, unknown>, openid: string | null) => cloud.api<any>(fn, action, input, openid)
const refused = (code: string) => ({ ok: false, code })
const balance = async (residentId: string) => (await ok(api('points', 'balance', { residentId }, 'demo-admin'))).available as number
const give = (residentId: string, delta: number) => ok(api('points', 'adjust', { residentId, delta, reason: '测试起始积分', requestId: rid('adj') }, 'demo-admin'))

/** An offer of 善治超市 the admin puts on sale. */
async function offer(extra: Record<string, unknown> = {}): Promise<string> {
  const input = { title: `柜台测试${++n}`, kind: 'goods', points: 2, stock: 50, perResidentLimit: 50, validUntil: new Date(Date.now() + 86_400_000).toISOString(), merchantId: MERCHANT, ...extra }
  return (await ok(api('shop', 'saveOffer', input, 'demo-admin'))).offer.id
}

/** A fresh card for `residentId` issued by `by`, with `pin` set. */
async function card(residentId: string, pin = '2580', by = 'demo-head'): Promise<string> {
  const { card: c } = await ok(api('cards', 'issue', { residentId }, by))
  await ok(api('cards', 'setPin', { residentId, pin }, by))
  return c.token
}

const counter = (token: string, pin: string, offerId: string, by = 'demo-merchant', requestId = rid('counter')) => api('shop', 'exchangeByCard', { token, pin, offerId, requestId }, by)

test('issue, look up (masked for a clerk), re-issue (the old card refused), revoke; only the admin and the resident’s 院长 keep cards', async () => {
  expect(await api('cards', 'issue', { residentId: LIU }, 'demo-head-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
  expect(await api('cards', 'issue', { residentId: LIU }, 'demo-grid')).toMatchObject(refused('AUTH.FORBIDDEN'))
  expect(await api('cards', 'issue', { residentId: LIU }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
  expect(await api('cards', 'get', { residentId: LIU }, 'demo-head-2')).toMatchObject(refused('AUTH.FORBIDDEN'))
  const first = (await ok(api('cards', 'issue', { residentId: LIU }, 'demo-head'))).card
  expect((await ok(api('cards', 'get', { residentId: LIU }, 'demo-head'))).card).toEqual(first)
  expect(first).toMatchObject({ number: expect.stringMatching(/^\d{8}$/), status: 'active', hasPin: false })
  // The token names nobody and holds nothing but the card's id and a signature.
  expect(first.token).toMatch(/^SZJFCARD1\.cd[0-9a-f]{18}\.[A-Za-z0-9_-]{22}$/)
  expect(first.token).not.toMatch(/刘|demo|liu/i)

  const byClerk = await ok(api('cards', 'lookup', { token: first.token }, 'demo-merchant'))
  expect(byClerk.resident).toEqual({ name: '刘*贵', courtyard: expect.any(String) })
  const byHead = await ok(api('cards', 'lookup', { token: first.token }, 'demo-head'))
  expect(byHead.resident).toMatchObject({ id: LIU, name: '刘福贵' })
  expect(byHead.balance).toEqual({ available: expect.any(Number), pending: expect.any(Number) })
  expect(await api('cards', 'lookup', { token: first.token }, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))

  await ok(api('cards', 'setPin', { residentId: LIU, pin: '1357' }, 'demo-admin'))
  const second = (await ok(api('cards', 'issue', { residentId: LIU }, 'demo-admin'))).card
  expect(second.number).not.toBe(first.number)
  // The PIN is the person's: it goes with them to the new card.
  expect(second.hasPin).toBe(true)
  expect(await api('cards', 'lookup', { token: first.token }, 'demo-merchant')).toMatchObject(refused('CARD.REVOKED'))
  expect(await ok(api('cards', 'lookup', { token: second.token }, 'demo-merchant'))).toMatchObject({ card: { number: second.number } })

  await ok(api('cards', 'revoke', { residentId: LIU }, 'demo-head'))
  expect(await api('cards', 'lookup', { token: second.token }, 'demo-grid')).toMatchObject(refused('CARD.REVOKED'))
  expect(await api('cards', 'revoke', { residentId: LIU }, 'demo-head')).toMatchObject(refused('NOT_FOUND'))
  expect((await ok(api('cards', 'get', { residentId: LIU }, 'demo-admin'))).card).toBeNull()
})

test('forged or altered tokens, and another community’s card, are CARD.INVALID', async () => {
  const token = await card(LIU)
  const [prefix, cardId, signature] = token.split('.')
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
  const forged = [
    'SZJFCARD1.cd000000000000000000.AAAAAAAAAAAAAAAAAAAAAA',
    `${prefix}.${cardId}.${flip(signature, 3)}`,
    `${prefix}.${flip(cardId, 5).replace(/[A-Z]/g, 'f')}.${signature}`,
    `${prefix}.cd${'1'.repeat(18)}.${signature}`,
    'hello',
    '12345678',
  ]
  for (const t of forged) expect(await api('cards', 'lookup', { token: t }, 'demo-merchant')).toMatchObject(refused('CARD.INVALID'))
  // Signed here, but the card is of another community: a clerk there does not find it.
  await cloud.sdk().database().collection('cards').doc(cardId).update({ communityId: 'other-community' })
  expect(await api('cards', 'lookup', { token }, 'demo-merchant')).toMatchObject(refused('CARD.INVALID'))
  await cloud.sdk().database().collection('cards').doc(cardId).update({ communityId: 'demo-community' })
  expect(await api('cards', 'lookup', { token }, 'demo-merchant')).toMatchObject({ ok: true })
})

test('the PIN: stored salted and hashed, never logged; wrong answers CARD.PIN_WRONG; five within 30 minutes lock the card for 30', async () => {
  await give(LIU, 10)
  const token = await card(LIU, '4826')
  const db = cloud.sdk().database()
  const cardId = token.split('.')[1]
  const stored = (await db.collection('cards').doc(cardId).get()).data[0]
  expect(JSON.stringify(stored)).not.toContain('4826')
  expect(stored.pinHash).toMatch(/^[0-9a-f]{64}$/)
  expect(stored.pinSalt).toMatch(/^[0-9a-f]{32}$/)
  const audit = (await db.collection('audit').where({ action: 'cards.setPin' }).get()).data
  expect(audit.length).toBeGreaterThan(0)
  expect(JSON.stringify(audit)).not.toContain('4826')

  const offerId = await offer()
  const before = await balance(LIU)
  for (let i = 1; i <= 4; i++) {
    expect(await counter(token, '0000', offerId)).toMatchObject({ ...refused('CARD.PIN_WRONG'), message: `密码不对，还可以再试 ${5 - i} 次` })
  }
  expect(await counter(token, '0000', offerId)).toMatchObject(refused('CARD.LOCKED'))
  // Locked: even the right PIN is refused, and the clerk's lookup says so.
  expect(await counter(token, '4826', offerId)).toMatchObject(refused('CARD.LOCKED'))
  expect((await ok(api('cards', 'lookup', { token }, 'demo-merchant'))).card.locked).toBe(true)
  cloud.setClock(29 * 60_000)
  expect(await counter(token, '4826', offerId)).toMatchObject(refused('CARD.LOCKED'))
  cloud.setClock(31 * 60_000)
  await ok(counter(token, '4826', offerId))
  expect(await balance(LIU)).toBe(before - 2)
  // The count starts again: wrong tries spread over more than 30 minutes never lock.
  cloud.setClock(32 * 60_000)
  for (let i = 0; i < 4; i++) expect(await counter(token, '1111', offerId)).toMatchObject(refused('CARD.PIN_WRONG'))
  cloud.setClock(63 * 60_000)
  expect(await counter(token, '1111', offerId)).toMatchObject(refused('CARD.PIN_WRONG'))
  await ok(counter(token, '4826', offerId))
  // The admin may set a new PIN, which unlocks the card.
  for (let i = 0; i < 5; i++) await counter(token, '9999', offerId)
  expect(await counter(token, '4826', offerId)).toMatchObject(refused('CARD.LOCKED'))
  await ok(api('cards', 'setPin', { residentId: LIU, pin: '3141' }, 'demo-admin'))
  await ok(counter(token, '3141', offerId))
})

test('the counter exchange follows every rule of shop.exchange, is audited with the clerk, and a retry answers the first voucher', async () => {
  await give(LIU, 20)
  const token = await card(LIU, '2580')
  // The same request twice: one voucher, the points taken once.
  const offerId = await offer({ points: 3 })
  const before = await balance(LIU)
  const requestId = rid('same')
  const [x, y] = await Promise.all([counter(token, '2580', offerId, 'demo-merchant', requestId), counter(token, '2580', offerId, 'demo-merchant', requestId)])
  const ids = [x, y].filter((a) => a.ok).map((a) => a.data.voucher.id)
  expect(new Set(ids).size).toBe(1)
  expect(await ok(counter(token, '2580', offerId, 'demo-merchant', requestId))).toMatchObject({ voucher: { id: ids[0], status: 'redeemed' } })
  expect(await balance(LIU)).toBe(before - 3)
  const log = (await cloud.sdk().database().collection('audit').where({ action: 'shop.exchangeByCard', 'target.id': ids[0] }).get()).data
  expect(log).toHaveLength(1)
  expect(log[0]).toMatchObject({ operator: 'demo-merchant', input: { pin: '****' } })

  // Refusals, each with its code.
  const one = await offer({ stock: 1 })
  await ok(counter(token, '2580', one))
  expect(await counter(token, '2580', one)).toMatchObject(refused('SHOP.OUT_OF_STOCK'))
  const limited = await offer({ perResidentLimit: 1 })
  await ok(counter(token, '2580', limited))
  expect(await counter(token, '2580', limited)).toMatchObject(refused('SHOP.LIMIT_REACHED'))
  expect(await counter(token, '2580', await offer({ eligibility: { maxAge: 60 } }))).toMatchObject(refused('SHOP.NOT_ELIGIBLE'))
  expect(await counter(token, '2580', await offer({ points: 900 }))).toMatchObject(refused('POINTS.INSUFFICIENT'))
  const ended = await offer()
  const db = cloud.sdk().database()
  await db.collection('offers').doc(ended).update({ validUntil: new Date(Date.now() - 1000).toISOString() })
  expect(await counter(token, '2580', ended)).toMatchObject(refused('SHOP.OFFER_UNAVAILABLE'))
  // Another merchant's clerk, or a resident, may not.
  await db.collection('users').doc('other-clerk').set({ name: '别的店员', communityId: 'demo-community', residentId: null, roles: [{ role: 'merchant', nodeId: 'merchant-other' }] })
  expect(await counter(token, '2580', offerId, 'other-clerk')).toMatchObject(refused('AUTH.FORBIDDEN'))
  expect(await counter(token, '2580', offerId, 'demo-resident')).toMatchObject(refused('AUTH.FORBIDDEN'))
  // The admin may, at the office.
  await ok(counter(token, '2580', offerId, 'demo-admin'))
  // Suspended (a black-list entry): refused.
  await db.collection('accounts').doc(`res:${LIU}`).update({ suspendedUntil: new Date(Date.now() + 86_400_000).toISOString() })
  expect(await counter(token, '2580', offerId)).toMatchObject(refused('ACCOUNT.SUSPENDED'))
  await db.collection('accounts').doc(`res:${LIU}`).update({ suspendedUntil: null })
})

test('two counter exchanges on the last item: one hands it over, the other is told it is gone, and the points are taken once', async () => {
  await give(LIU, 10)
  await give('demo-r-resident-2', 10)
  const [liu, li] = [await card(LIU, '2580'), await card('demo-r-resident-2', '1122')]
  const last = await offer({ stock: 1, points: 4 })
  const before = [await balance(LIU), await balance('demo-r-resident-2')]
  const answers = await Promise.all([counter(liu, '2580', last), counter(li, '1122', last, 'demo-admin')])
  expect(answers.filter((a) => a.ok)).toHaveLength(1)
  expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(['SHOP.OUT_OF_STOCK'])
  const after = [await balance(LIU), await balance('demo-r-resident-2')]
  expect(before[0] + before[1] - after[0] - after[1]).toBe(4)
})

test('刘福贵 earns by proxy and spends at the counter: his 院长 claims for him, the grid worker approves, the clerk hands the goods over', async () => {
  const start = await balance(LIU)
  const photo = await upload(cloud, 'demo-head', photoBytes(++n + 500))
  const claim = (await ok(api('claims', 'submit', buildClaim({ photos: [photo], onBehalfOf: LIU, description: '刘大爷帮邻居清扫院子' }), 'demo-head'))).claim
  if (claim.status === 'submitted') await ok(api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'))
  await ok(api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
  const earned = await balance(LIU)
  expect(earned).toBeGreaterThan(start)
  const token = await card(LIU, '8642')
  const looked = await ok(api('cards', 'lookup', { token }, 'demo-merchant'))
  expect(looked.balance.available).toBe(earned)
  const goods = await offer({ points: 1, title: '香皂一块' })
  const { voucher, balance: after } = await ok(counter(token, '8642', goods))
  expect(voucher).toMatchObject({ status: 'redeemed', offerTitle: '香皂一块' })
  expect(after.available).toBe(earned - 1)
  expect(await balance(LIU)).toBe(earned - 1)
})
