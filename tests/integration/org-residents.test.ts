/**
 * org.moveResident and org.removeResident through the real SDK: a move changes where a resident stands and nothing of
 * what happened (ledger, balance, history); the next request acts from the new place; a removal keeps the history and
 * takes the person out of the tree and the community; refusals; a retried requestId does it once.
 */
import type { TreeNode } from '../../cloudfunctions/org/tree'
import { monthKey } from '@core/period'
import { submitClaimWithPhoto } from '../support/claims'
import { addOtherCommunity, ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
/** A second household in 2号院 (赵桂兰家 is the head's own: a claim from it would skip 初审). */
let newHome: string
beforeAll(async () => {
  cloud = await startCloud()
  newHome = (await ok(cloud.api('org', 'saveNode', { type: 'household', parentId: 'demo-courtyard-2', name: '钱家', requestId: 'move-new-home-1' }, 'demo-admin'))).node._id
  const db = cloud.sdk().database()
  // Another community, with a household and a resident of its own.
  await addOtherCommunity(cloud)
  await db.collection('orgNodes').doc('other-hh').set({ type: 'household', name: '外村家', parentId: 'oc', communityId: 'other-community', path: ['other-community', 'og', 'oc', 'other-hh'] })
  await db.collection('residents').doc('other-r').set({ name: '外社区居民', openid: null, communityId: 'other-community', gridId: 'og', courtyardId: 'oc', householdId: 'other-hh' })
})
afterAll(() => cloud?.stop())

const db = () => cloud.sdk().database()
const doc = async <T = Record<string, unknown>>(collection: string, id: string) => ((await db().collection(collection).doc(id).get()).data as T[])[0]
const find = (n: TreeNode, id: string): TreeNode | undefined => (n.id === id ? n : n.children.map((c) => find(c, id)).find(Boolean))
const allResidents = (n: TreeNode): string[] => [...(n.residents ?? []).map((r) => r.id), ...n.children.flatMap(allResidents)]
const move = (residentId: string, householdId: string, requestId: string, openid = 'demo-admin') => cloud.api('org', 'moveResident', { residentId, householdId, requestId }, openid)
const remove = (residentId: string, reason: string, requestId: string, openid = 'demo-admin') => cloud.api('org', 'removeResident', { residentId, reason, requestId }, openid)
const tree = async () => (await ok(cloud.api('org', 'tree', {}, 'demo-admin'))).root

describe('org.moveResident', () => {
  test('李明 moves to 2号院: his ledger, balance and history stay; his account and his next claim follow him', async () => {
    await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: 20, reason: '迁户前的积分', requestId: 'move-adjust-001' }, 'demo-admin'))
    const before = await ok(cloud.api('points', 'ledger', {}, 'demo-resident-2'))
    expect((await ok(cloud.api('points', 'balance', {}, 'demo-resident-2'))).available).toBe(20)
    // A claim filed before the move: it stays with 1号院, whose 院长 finishes it.
    const earlier = await submitClaimWithPhoto(cloud, 'demo-resident-2', 4100)
    expect(earlier.status).toBe('submitted')

    const { resident } = await ok(move('demo-r-resident-2', newHome, 'move-liming-001'))
    expect(resident).toMatchObject({ id: 'demo-r-resident-2', householdId: newHome, courtyardId: 'demo-courtyard-2', gridId: 'demo-grid-1', status: 'active' })

    // The ledger is history: the same entries, each with the place it was posted in.
    expect(await ok(cloud.api('points', 'ledger', {}, 'demo-resident-2'))).toEqual(before)
    expect(await doc('ledger', 'adjust:demo-community:move-adjust-001')).toMatchObject({ householdId: 'demo-hh-2', courtyardId: 'demo-courtyard-1', courtyardName: '莲花新区1排3号院' })
    expect((await ok(cloud.api('points', 'balance', {}, 'demo-resident-2'))).available).toBe(20)
    // His own account's copy of where he stands, and his WeChat account's copy of his household, moved with him.
    expect(await doc('accounts', 'res:demo-r-resident-2')).toMatchObject({ balanceTenths: 200, placement: { householdId: newHome, courtyardId: 'demo-courtyard-2', householdName: '钱家', courtyardName: '莲花新区2排7号院' } })
    expect(await doc('users', 'demo-resident-2')).toMatchObject({ householdId: newHome })
    expect(await ok(cloud.api('user', 'me', {}, 'demo-resident-2'))).toMatchObject({ householdId: newHome, courtyardId: 'demo-courtyard-2', householdName: '钱家' })
    const moves = (await doc<{ moves: unknown[] }>('residents', 'demo-r-resident-2')).moves
    expect(moves).toEqual([expect.objectContaining({ requestId: 'move-liming-001', from: { gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-2' }, to: { gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-2', householdId: newHome } })])

    // The tree shows him in his new household only.
    const root = await tree()
    expect(find(root, newHome)!.residents!.map((r) => r.id)).toEqual(['demo-r-resident-2'])
    expect(find(root, 'demo-hh-2')!.residents).toEqual([])

    // His next claim goes to 2号院's 院长, not to 1号院's.
    const claim = await submitClaimWithPhoto(cloud, 'demo-resident-2', 4101)
    expect(claim.status).toBe('submitted')
    expect(await doc('claims', claim.id)).toMatchObject({ courtyardId: 'demo-courtyard-2', householdId: newHome })
    expect((await ok(cloud.api('claims', 'queue', {}, 'demo-head-2'))).items.map((c) => c.id)).toContain(claim.id)
    expect((await ok(cloud.api('claims', 'queue', {}, 'demo-head'))).items.map((c) => c.id)).not.toContain(claim.id)
    expect(await doc('claims', earlier.id)).toMatchObject({ courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-2' })
    expect((await ok(cloud.api('claims', 'queue', {}, 'demo-head'))).items.map((c) => c.id)).toContain(earlier.id)
    expect((await ok(cloud.api('claims', 'queue', {}, 'demo-head-2'))).items.map((c) => c.id)).not.toContain(earlier.id)

    // The earlier claim approved after the move: its entry counts for 1号院, where it was earned, but his account stays
    // where he lives now (an exchange reads it), not back in his old household.
    await ok(cloud.api('claims', 'review', { claimId: earlier.id, decision: 'pass' }, 'demo-head'))
    await ok(cloud.api('claims', 'review', { claimId: earlier.id, decision: 'pass' }, 'demo-grid'))
    const credit = (await ok(cloud.api('points', 'ledger', { kind: 'credit' }, 'demo-resident-2'))).items.find((e) => e.source.id === earlier.id)!
    expect(await doc('ledger', credit.id)).toMatchObject({ courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-2' })
    expect(await doc('accounts', 'res:demo-r-resident-2')).toMatchObject({ placement: { householdId: newHome, courtyardId: 'demo-courtyard-2', householdName: '钱家' } })
  })

  test('a retried requestId moves once, even after a later move; moving to the household one is in changes nothing', async () => {
    await ok(move('demo-r-liu', newHome, 'move-liu-0001'))
    await ok(move('demo-r-liu', 'demo-hh-4', 'move-liu-0002'))
    // The first request again (a retry arriving late) does not move him back.
    expect((await ok(move('demo-r-liu', newHome, 'move-liu-0001'))).resident.householdId).toBe('demo-hh-4')
    expect(await ok(move('demo-r-liu', 'demo-hh-4', 'move-liu-0003'))).toMatchObject({ resident: { householdId: 'demo-hh-4', courtyardId: 'demo-courtyard-1' } })
    expect((await doc<{ moves: { requestId: string }[] }>('residents', 'demo-r-liu')).moves.map((m) => m.requestId)).toEqual(['move-liu-0001', 'move-liu-0002'])
  })

  test('refusals: not the admin, another community, not a household, bad input', async () => {
    expect(await move('demo-r-liu', newHome, 'move-refuse-01', 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await move('demo-r-liu', newHome, 'move-refuse-02', 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await move('other-r', newHome, 'move-refuse-03')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await move('demo-r-liu', 'other-hh', 'move-refuse-04')).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到要迁入的户' })
    expect(await move('demo-r-liu', 'demo-courtyard-2', 'move-refuse-05')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await move('demo-r-liu', 'no-such-household', 'move-refuse-06')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('org', 'moveResident', { residentId: 'demo-r-liu', householdId: newHome }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await move('demo-r-liu', newHome, 'short')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect((await doc('residents', 'demo-r-liu'))!.householdId).toBe('demo-hh-4')
  })
})

describe('org.removeResident', () => {
  test('李明 moves away: his ledger and claims stay, his voucher is returned, and he is gone from the tree and the community', async () => {
    const offer = await ok(cloud.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: 'remove-exchange-1' }, 'demo-resident-2'))
    expect(offer.voucher.status).toBe('issued')
    const entriesBefore = (await db().collection('ledger').where({ residentId: 'demo-r-resident-2' }).get()).data.length
    const claimsOf = async () => ((await db().collection('claims').where({ residentId: 'demo-r-resident-2' }).get()).data as { _id: string; status: string; courtyardId: string }[]).map((c) => [c._id, c.status, c.courtyardId])
    const claimsBefore = await claimsOf()
    expect(claimsBefore).toHaveLength(2)

    const ranked = async () => (await ok(cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: monthKey(new Date()) }, 'demo-admin'))).items.map((r) => r.id)
    expect(await ranked()).toContain('demo-r-resident-2')

    const answer = await ok(remove('demo-r-resident-2', '租期到了，搬回老家', 'remove-liming-01'))
    expect(answer).toMatchObject({ resident: { id: 'demo-r-resident-2', status: 'moved', movedReason: '租期到了，搬回老家' }, vouchersCancelled: 1 })
    expect(answer.resident.movedAt).toEqual(expect.any(String))

    // History stays: every entry (plus the voucher's refund), every claim; the points are back on his account.
    const entries = (await db().collection('ledger').where({ residentId: 'demo-r-resident-2' }).get()).data
    expect(entries.length).toBe(entriesBefore + 1)
    expect(await doc('ledger', 'adjust:demo-community:move-adjust-001')).toMatchObject({ residentName: '李明', delta: 200 })
    expect(await claimsOf()).toEqual(claimsBefore)
    expect(await doc('vouchers', offer.voucher.id)).toMatchObject({ status: 'cancelled', refunded: true })
    expect(await doc('accounts', 'res:demo-r-resident-2')).toMatchObject({ balanceTenths: 210 })
    expect(await doc('residents', 'demo-r-resident-2')).toMatchObject({ name: '李明', status: 'moved', movedReason: '租期到了，搬回老家' })

    // Out of the rankings from now on (his entries stay on the month's board); out of the tree (and so of the 代申报
    // lists); no longer a member; nobody acts for him.
    expect(await ranked()).not.toContain('demo-r-resident-2')
    expect(allResidents(await tree())).not.toContain('demo-r-resident-2')
    expect(allResidents((await ok(cloud.api('org', 'tree', {}, 'demo-head-2'))).root)).not.toContain('demo-r-resident-2')
    expect(await doc('users', 'demo-resident-2')).toBeUndefined()
    expect(await cloud.api('user', 'me', {}, 'demo-resident-2')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: 1, reason: '搬走后', requestId: 'remove-adjust-01' }, 'demo-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await move('demo-r-resident-2', 'demo-hh-2', 'remove-move-01')).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    // A retry answers the same; another request for one who already moved away is refused.
    expect(await ok(remove('demo-r-resident-2', '租期到了，搬回老家', 'remove-liming-01'))).toMatchObject({ resident: { status: 'moved' } })
    expect(await remove('demo-r-resident-2', '又搬走了一次', 'remove-liming-02')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '这位居民已经登记搬走了' })
  })

  test('a 院长 who moves away loses the role tied to the place', async () => {
    expect(find(await tree(), 'demo-courtyard-1')!.holders.map((h) => h.openid)).toEqual(['demo-head'])
    await ok(remove('demo-r-head', '房子卖了', 'remove-head-001'))
    expect(find(await tree(), 'demo-courtyard-1')!.holders).toEqual([])
    expect(await cloud.api('claims', 'queue', {}, 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('refusals: not the admin, oneself, another community, bad input', async () => {
    expect(await remove('demo-r-resident', '搬走了', 'remove-refuse-1', 'demo-head-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await remove('other-r', '搬走了', 'remove-refuse-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await remove('no-such-resident', '搬走了', 'remove-refuse-3')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await remove('demo-r-resident', '', 'remove-refuse-4')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await cloud.api('org', 'removeResident', { residentId: 'demo-r-resident', reason: '搬走了' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    // An admin who lives here cannot register their own moving away.
    await ok(cloud.api('org', 'assignRole', { openid: 'demo-head-2', role: 'admin', nodeId: 'demo-community' }, 'demo-admin'))
    expect(await remove('demo-r-head-2', '搬走了', 'remove-refuse-5', 'demo-head-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    await ok(cloud.api('org', 'revokeRole', { openid: 'demo-head-2', role: 'admin', nodeId: 'demo-community' }, 'demo-admin'))
    expect((await doc('residents', 'demo-r-resident'))!.status).toBeUndefined()
  })
  test('a shop clerk who moves away stays a clerk of the shop, with no home and no other role here', async () => {
    await ok(cloud.api('org', 'assignRole', { openid: 'demo-head-2', role: 'merchant', nodeId: 'demo-merchant-shanzhi' }, 'demo-admin'))
    await ok(remove('demo-r-head-2', '搬到镇上住了', 'remove-clerk-001'))
    expect(await doc('users', 'demo-head-2')).toMatchObject({ residentId: null, householdId: null, roles: [{ role: 'merchant', nodeId: 'demo-merchant-shanzhi' }] })
    expect(await ok(cloud.api('user', 'me', {}, 'demo-head-2'))).toMatchObject({ residentId: null, householdId: null, merchantId: 'demo-merchant-shanzhi', roles: [{ role: 'merchant' }] })
    expect(find(await tree(), 'demo-courtyard-2')!.holders).toEqual([])
  })
})

describe('with the household wallet on', () => {
  test("the old household's points stay with it; the mover spends from the new household's wallet; no point is lost or made", async () => {
    await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 10, reason: '迁户前的积分', requestId: 'wallet-adjust-01' }, 'demo-admin'))
    await ok(cloud.api('org', 'updateSettings', { householdWallet: true }, 'demo-admin'))
    const total = async () => ((await db().collection('accounts').where({ communityId: 'demo-community', kind: db().command.in(['resident', 'household']) }).limit(1000).get()).data as { balanceTenths: number }[]).reduce((n, a) => n + a.balanceTenths, 0)
    const before = await total()
    expect(await doc('accounts', 'hh:demo-hh-1')).toMatchObject({ balanceTenths: 100 })
    // 李明 moved away (above): his points stay his, not brought into 钱家, a household he left.
    expect(await doc('accounts', 'res:demo-r-resident-2')).toMatchObject({ balanceTenths: 210 })
    expect((await doc<{ balanceTenths: number }>('accounts', `hh:${newHome}`))?.balanceTenths ?? 0).toBe(0)

    // Into 李明家, empty since he moved.
    await ok(move('demo-r-resident', 'demo-hh-2', 'wallet-move-001'))
    expect(await doc('accounts', 'hh:demo-hh-1')).toMatchObject({ balanceTenths: 100 })
    expect(await total()).toBe(before)
    // She now earns into and spends from 李明家's wallet.
    expect(await ok(cloud.api('points', 'balance', {}, 'demo-resident'))).toMatchObject({ householdWallet: true, available: 0 })
    await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 3, reason: '迁户后的积分', requestId: 'wallet-adjust-02' }, 'demo-admin'))
    expect(await doc('accounts', 'hh:demo-hh-2')).toMatchObject({ balanceTenths: 30 })
    expect(await ok(cloud.api('points', 'balance', {}, 'demo-resident'))).toMatchObject({ available: 3 })
  })
})
