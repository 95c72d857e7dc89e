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
