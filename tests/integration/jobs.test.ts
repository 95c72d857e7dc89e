import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off' } })
})
afterAll(() => cloud?.stop())

test('the timer projects a ledger entry a stopped function left behind, and resends a pending notification, once', async () => {
  const db = cloud.sdk().database()
  const at = new Date(Date.now() - 5 * 60_000)
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(at)
  await db.collection('ledger').add({
    _id: 'claim:left-behind',
    accountId: 'res:demo-r-resident-2',
    communityId: 'demo-community',
    gridId: 'demo-grid-1',
    courtyardId: 'demo-courtyard-1',
    householdId: 'demo-hh-2',
    residentId: 'demo-r-resident-2',
    residentName: '李明',
    householdName: '李明家',
    courtyardName: '莲花新区1排3号院',
    delta: 30,
    kind: 'credit',
    source: { type: 'claim', id: 'left-behind' },
    operator: 'demo-grid',
    operatorName: '陈静',
    at: at.toISOString(),
    month,
    year: month.slice(0, 4),
    balanceAfter: 30,
    projected: false,
  })
  await db.collection('outbox').add({ to: 'demo-resident-2', kind: 'claim_decided', title: '测试', body: '补发', page: 'pages/index/index', status: 'pending', attempts: 1, createdAt: at.toISOString() })

  expect(await cloud.api('jobs', 'tick', {}, null)).toMatchObject({ ok: true, data: { projected: 1, resent: 1, expired: 0 } })
  const score = await db.collection('accounts').doc(`sc:${month}:resident:demo-r-resident-2`).get()
  expect(score.data[0]).toMatchObject({ scoreTenths: 30, name: '李明' })
  // Again: nothing left to do, nothing counted twice.
  expect(await cloud.api('jobs', 'tick', {}, null)).toMatchObject({ ok: true, data: { projected: 0, resent: 0, expired: 0, closed: [], finalized: [] } })
  expect((await db.collection('accounts').doc(`sc:${month}:resident:demo-r-resident-2`).get()).data[0]).toMatchObject({ scoreTenths: 30 })
  const { deliveries } = (await (await fetch(`${cloud.url}/_emulator/deliveries`)).json()) as { deliveries: { message: { touser: string } }[] }
  expect(deliveries.filter((d) => d.message.touser === 'demo-resident-2')).toHaveLength(1)
})

test('a person cannot run the timer’s work', async () => {
  expect(await cloud.api('jobs', 'tick', {}, 'demo-admin')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
})
