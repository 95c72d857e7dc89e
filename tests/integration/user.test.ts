import { DEMO_USERS } from '../../src/core/demo'
import type { Me } from '../../src/core/user'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

const me = (openid: string | null) => cloud.api<Me>('user', 'me', {}, openid)

describe('user.me', () => {
  test.each(DEMO_USERS.map((u) => [u.openid, u.name]))('%s is %s', async (openid, name) => {
    const answer = await me(openid)
    expect(answer).toMatchObject({ ok: true, data: { openid, name, communityId: 'demo-community', communityName: '昌宁社区' } })
  })

  test('a resident sees their household, courtyard and grid, and holds no role', async () => {
    expect(await me('demo-resident')).toEqual({
      ok: true,
      data: {
        openid: 'demo-resident',
        name: '张秀英',
        roles: [],
        residentId: 'demo-r-resident',
        householdId: 'demo-hh-1',
        courtyardId: 'demo-courtyard-1',
        gridId: 'demo-grid-1',
        communityId: 'demo-community',
        communityName: '昌宁社区',
        courtyardName: '莲花新区1排3号院',
        householdName: '张秀英家',
        // Born 1953, but the demo community leaves 长辈模式 to each person.
        elderMode: false,
        elderModeChosen: false,
      },
    })
  })

  test('each demo role is held over its node', async () => {
    const roles = async (openid: string) => {
      const answer = await me(openid)
      if (!answer.ok) throw new Error(answer.message)
      return answer.data.roles
    }
    expect(await roles('demo-head')).toEqual([{ role: 'head', nodeId: 'demo-courtyard-1', nodeName: '莲花新区1排3号院' }])
    expect(await roles('demo-head-2')).toEqual([{ role: 'head', nodeId: 'demo-courtyard-2', nodeName: '莲花新区2排7号院' }])
    expect(await roles('demo-grid')).toEqual([{ role: 'grid', nodeId: 'demo-grid-1', nodeName: '莲花新区网格' }])
    expect(await roles('demo-admin')).toEqual([{ role: 'admin', nodeId: 'demo-community', nodeName: '昌宁社区' }])
    expect(await roles('demo-merchant')).toEqual([{ role: 'merchant', nodeId: 'demo-merchant-shanzhi', nodeName: '善治超市' }])
    expect(await me('demo-merchant')).toMatchObject({ ok: true, data: { merchantId: 'demo-merchant-shanzhi', residentId: null } })
  })

  test('an anonymous caller and a stranger are unauthenticated', async () => {
    expect(await me(null)).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await me('someone-new')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
  })

  test('concurrent calls never share an identity', async () => {
    const openids = Array.from({ length: 60 }, (_, i) => DEMO_USERS[i % DEMO_USERS.length].openid)
    const answers = await Promise.all(openids.map((openid) => me(openid)))
    answers.forEach((answer, i) => expect(answer).toMatchObject({ ok: true, data: { openid: openids[i] } }))
  })

  test('an identity or fields forged in the payload are ignored', async () => {
    const answer = await cloud.api<Me>('user', 'me', { openid: 'demo-admin', userInfo: { openId: 'demo-admin' }, WX_OPENID: 'demo-admin' }, 'demo-resident')
    expect(answer).toMatchObject({ ok: true, data: { openid: 'demo-resident', roles: [] } })
  })
})

describe('the function gateway', () => {
  test('an unknown action answers INPUT.INVALID in Chinese', async () => {
    expect(await cloud.api('user', 'fly', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('不支持') })
  })

  test('an unknown function answers NOT_FOUND', async () => {
    expect(await cloud.api('nothing', 'me', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('a body that is not JSON answers INPUT.INVALID and the server stays up', async () => {
    const res = await fetch(`${cloud.url}/api/user`, { method: 'POST', headers: { 'x-wx-openid': 'demo-resident' }, body: '{"action": "me"' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
  })

  test('user.me costs a bounded number of database round trips', async () => {
    const before = await cloud.stats()
    await me('demo-head')
    const after = await cloud.stats()
    const trips = Object.keys(after).reduce((n, k) => n + after[k] - (before[k] ?? 0), 0)
    // The account, the resident, the names of their nodes and of a merchant; and the settings (the 70+ default of 长辈模式)
    // for one who never chose, read beside the names.
    expect(trips).toBe(5)
  })
})
