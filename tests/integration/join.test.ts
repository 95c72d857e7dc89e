import type { Me } from '../../src/core/user'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

interface Invite {
  code: string
  display: string
  courtyardName: string
  householdName: string | null
  maxUses: number
  expiresAt: string
}
const issue = async (openid: string, input: Record<string, unknown>) => cloud.api<{ invite: Invite }>('org', 'issueInvite', input, openid)
const issued = async (openid: string, input: Record<string, unknown>) => {
  const answer = await issue(openid, input)
  if (!answer.ok) throw new Error(`${answer.code} ${answer.message}`)
  return answer.data.invite
}
const join = (openid: string, inviteCode: string, name = '孙桂芳') => cloud.api<Me>('user', 'join', { inviteCode, name }, openid)

describe('invites', () => {
  test('a head issues a code for their courtyard, readable aloud in two groups', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1' })
    expect(invite.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(invite.display).toBe(`${invite.code.slice(0, 4)}-${invite.code.slice(4)}`)
    expect(invite).toMatchObject({ courtyardName: '莲花新区1排3号院', householdName: null, maxUses: 1 })
  })

  test('a head cannot issue for another courtyard; a resident, grid worker or merchant cannot issue at all', async () => {
    expect(await issue('demo-head', { courtyardId: 'demo-courtyard-2' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    for (const openid of ['demo-resident', 'demo-grid', 'demo-merchant']) {
      expect(await issue(openid, { courtyardId: 'demo-courtyard-1' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    }
  })

  test('the admin issues for any courtyard of the community, or for one household', async () => {
    expect(await issued('demo-admin', { courtyardId: 'demo-courtyard-2' })).toMatchObject({ courtyardName: '莲花新区2排7号院' })
    expect(await issued('demo-admin', { courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-1', maxUses: 3 })).toMatchObject({ householdName: '张秀英家', maxUses: 3 })
    expect(await issue('demo-admin', { courtyardId: 'demo-courtyard-2', householdId: 'demo-hh-1' })).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await issue('demo-admin', { courtyardId: 'nowhere' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('user.join', () => {
  test('a newcomer joins a new household with a courtyard code and is a resident at once', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1' })
    // Typed the way a person would: lower case, with the dash.
    const answer = await join('wx-newcomer-1', invite.display.toLowerCase(), '孙桂芳')
    expect(answer).toMatchObject({
      ok: true,
      data: { openid: 'wx-newcomer-1', name: '孙桂芳', courtyardId: 'demo-courtyard-1', gridId: 'demo-grid-1', communityId: 'demo-community', householdName: '孙桂芳家', roles: [] },
    })
    expect(await cloud.api('user', 'me', {}, 'wx-newcomer-1')).toEqual(answer)
  })

  test('a single-use code works once; joining again answers who you are', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1' })
    const first = await join('wx-newcomer-2', invite.code, '周大山')
    expect(first).toMatchObject({ ok: true })
    expect(await join('wx-newcomer-2', invite.code, '周大山')).toEqual(first)
    expect(await join('wx-newcomer-3', invite.code, '吴小红')).toMatchObject({ ok: false, code: 'INVITE.INVALID', message: expect.stringContaining('用完') })
    expect(await cloud.api('user', 'me', {}, 'wx-newcomer-3')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('a household code adds members to that household', async () => {
    const invite = await issued('demo-admin', { courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-2', maxUses: 2 })
    expect(await join('wx-li-wife', invite.code, '王芳')).toMatchObject({ ok: true, data: { householdId: 'demo-hh-2', householdName: '李明家' } })
    expect(await join('wx-li-son', invite.code, '李小龙')).toMatchObject({ ok: true, data: { householdId: 'demo-hh-2' } })
  })

  test('ten people racing for a two-use code: exactly two join', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1', maxUses: 2 })
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => join(`wx-racer-${i}`, invite.code, `抢码者${i}`)))
    expect(answers.filter((a) => a.ok)).toHaveLength(2)
    for (const a of answers.filter((x) => !x.ok)) expect(a).toMatchObject({ code: 'INVITE.INVALID' })
    const stored = await cloud.sdk().database().collection('invites').doc(invite.code).get()
    expect(stored.data[0]).toMatchObject({ uses: 2 })
    const residents = await cloud.sdk().database().collection('residents').where({ joinedWith: invite.code }).get()
    expect(residents.data).toHaveLength(2)
  })

  test('an expired, unknown or malformed code is refused in Chinese and nothing is written', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1' })
    await cloud.sdk().database().collection('invites').doc(invite.code).update({ expiresAt: '2020-01-01T00:00:00.000Z' })
    expect(await join('wx-late', invite.code)).toMatchObject({ ok: false, code: 'INVITE.INVALID', message: expect.stringContaining('过期') })
    expect(await join('wx-late', 'ABCD2345')).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    expect(await join('wx-late', 'abc')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await join('wx-late', invite.code, '')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await cloud.api('user', 'me', {}, 'wx-late')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('an anonymous caller cannot join', async () => {
    const invite = await issued('demo-head', { courtyardId: 'demo-courtyard-1' })
    expect(await cloud.api('user', 'join', { inviteCode: invite.code, name: '无名' }, null)).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('a member of one community cannot join another with its code', async () => {
    const db = cloud.sdk().database()
    await db.collection('orgNodes').doc('c2').set({ type: 'community', name: '斑竹村', parentId: null, communityId: 'c2', path: ['c2'] })
    await db.collection('orgNodes').doc('c2-g').set({ type: 'grid', name: '一组', parentId: 'c2', communityId: 'c2', path: ['c2', 'c2-g'] })
    await db.collection('orgNodes').doc('c2-y').set({ type: 'courtyard', name: '斑竹院', parentId: 'c2-g', communityId: 'c2', path: ['c2', 'c2-g', 'c2-y'] })
    await db.collection('users').doc('c2-admin').set({ name: '何书记', communityId: 'c2', residentId: null, roles: [{ role: 'admin', nodeId: 'c2' }] })
    const invite = await issued('c2-admin', { courtyardId: 'c2-y' })
    expect(await join('demo-resident', invite.code, '张秀英')).toMatchObject({ ok: false, code: 'USER.ALREADY_JOINED' })
    // And an admin of c2 cannot issue codes for 昌宁社区.
    expect(await issue('c2-admin', { courtyardId: 'demo-courtyard-1' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
