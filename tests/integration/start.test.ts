import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { DEMO_USERS } from '../../src/core/demo'
import { startCloud, tempDataDir } from '../support/cloud'

const root = path.resolve(__dirname, '../..')

describe('npm start (the local cloud)', () => {
  test('prints its URL and the demo users, seeds an empty data folder, stops on Ctrl-C and keeps the data', async () => {
    const dataDir = tempDataDir()
    const first = await startCloud({ dataDir })
    expect(first.output()).toContain(first.url)
    expect(first.output()).toContain('写入演示数据')
    for (const u of DEMO_USERS) expect(first.output()).toContain(u.openid)
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)

    const note = await first.sdk().database().collection('settings').doc('demo-community').update({ publicityDays: 5 })
    expect(note.updated).toBe(1)
    expect(await first.stop('SIGINT')).toBe(0)
    expect(first.output()).toContain('已停止')

    const second = await startCloud({ dataDir })
    try {
      expect(second.output()).not.toContain('写入演示数据')
      const settings = await second.sdk().database().collection('settings').doc('demo-community').get()
      expect(settings.data[0]).toMatchObject({ publicityDays: 5, settlement: 'instant' })
      const me = await second.api('user', 'me', {}, 'demo-resident')
      expect(me).toMatchObject({ ok: true, data: { name: '张秀英' } })
    } finally {
      await second.stop()
    }
  })

  test('at start the scheduler catches up on work left behind while the server was down', async () => {
    const dataDir = tempDataDir()
    const first = await startCloud({ dataDir })
    await first.sdk().database().collection('ledger').add({
      _id: 'left-behind-at-stop',
      accountId: 'res:demo-r-resident',
      communityId: 'demo-community',
      gridId: 'demo-grid-1',
      courtyardId: 'demo-courtyard-1',
      householdId: 'demo-hh-1',
      residentId: 'demo-r-resident',
      residentName: '张秀英',
      householdName: '张秀英家',
      courtyardName: '莲花新区1排3号院',
      delta: 10,
      kind: 'credit',
      source: { type: 'claim', id: 'left-behind' },
      operator: 'demo-grid',
      operatorName: '陈静',
      at: new Date(Date.now() - 10 * 60_000).toISOString(),
      month: '2026-11',
      year: '2026',
      balanceAfter: 10,
      projected: false,
    })
    await first.stop()
    const second = await startCloud({ dataDir, env: { LOCAL_CLOUD_SCHEDULER: 'on' } })
    try {
      const entry = await second.sdk().database().collection('ledger').doc('left-behind-at-stop').get()
      expect(entry.data[0]).toMatchObject({ projected: true })
    } finally {
      await second.stop()
    }
  })

  test('after forty days down, the start-up catch-up closes the missed months in order, finalises, expires vouchers and ends suspensions', async () => {
    const dataDir = tempDataDir()
    const month = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))
    const now = Date.now()
    const lastMonth = month(new Date(`${month(now)}-01T12:00:00+08:00`).getTime() - 5 * 86_400_000)
    const first = await startCloud({ dataDir })
    const ok = async (fn: string, action: string, input: Record<string, unknown>, openid: string) => {
      const a = await first.api(fn, action, input, openid)
      if (!a.ok) throw new Error(`${fn}.${action}: ${a.message}`)
      return a.data
    }
    await ok('org', 'updateSettings', { suspensionMonths: 1 }, 'demo-admin')
    await ok('governance', 'closeMonth', { month: lastMonth }, 'demo-admin')
    await ok('points', 'adjust', { residentId: 'demo-r-resident', delta: 20, reason: '停机前的积分', requestId: 'catch-up-points' }, 'demo-admin')
    const offer = (await ok('shop', 'saveOffer', { title: '三天内有效', kind: 'coupon', points: 5, stock: 3, perResidentLimit: 1, validUntil: new Date(now + 3 * 86_400_000).toISOString(), merchantId: 'demo-merchant-shanzhi' }, 'demo-admin')) as { offer: { id: string } }
    const voucher = (await ok('shop', 'exchange', { offerId: offer.offer.id, requestId: 'catch-up-voucher' }, 'demo-resident')) as { voucher: { id: string } }
    await ok('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '停机前上黑榜', requestId: 'catch-up-black' }, 'demo-admin')
    await first.stop()

    const down = 40 * 86_400_000
    const second = await startCloud({ dataDir, env: { LOCAL_CLOUD_SCHEDULER: 'on', LOCAL_CLOCK_OFFSET_MS: String(down) } })
    try {
      const db = second.sdk().database()
      const months = (await db.collection('months').where({ communityId: 'demo-community' }).orderBy('month', 'asc').get()).data as { month: string; status: string; previousDigest: string; digest: string }[]
      const expected: string[] = []
      for (let m = month(now); m < month(now + down); m = month(new Date(`${m}-01T12:00:00+08:00`).getTime() + 32 * 86_400_000)) expected.push(m)
      expect(months.map((m) => m.month)).toEqual([lastMonth, ...expected])
      expect(months[0].status).toBe('final')
      months.slice(1).forEach((m, i) => expect(m.previousDigest).toBe(months[i].digest))
      const v = (await db.collection('vouchers').doc(voucher.voucher.id).get()).data[0] as { status: string; refunded: boolean }
      expect(v).toMatchObject({ status: 'expired', refunded: true })
      const listings = (await db.collection('listings').where({ communityId: 'demo-community' }).get()).data as { status: string }[]
      expect(listings.map((l) => l.status)).toEqual(['expired'])
    } finally {
      await second.stop()
    }
  })

  test('a port already in use is refused with a Chinese explanation', async () => {
    const cloud = await startCloud()
    try {
      const port = new URL(cloud.url).port
      const clash = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'local-cloud', 'main.ts')], {
        cwd: root,
        env: { ...process.env, PORT: port, DATA_DIR: tempDataDir(), SKIP_H5_BUILD: '1' },
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(clash.status).toBe(1)
      expect(clash.stderr).toContain('已被占用')
    } finally {
      await cloud.stop()
    }
  })
})
