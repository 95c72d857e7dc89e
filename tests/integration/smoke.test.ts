import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

test('a demo resident sees who they are', async () => {
  const me = await cloud.api('user', 'me', {}, 'demo-resident')
  expect(me).toMatchObject({ ok: true, data: { name: '张秀英', communityName: '昌宁社区' } })
})

test('the SDK reads a seeded document by id', async () => {
  const res = await cloud.sdk().database().collection('orgNodes').doc('demo-community').get()
  expect(res.data[0]).toMatchObject({ _id: 'demo-community', name: '昌宁社区' })
})
