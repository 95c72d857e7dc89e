/** What `npm run build` produced (npm test builds before it runs jest). */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCloud, type TestCloud } from '../support/cloud'

const root = path.resolve(__dirname, '../..')
const built = (...p: string[]) => {
  const file = path.join(root, ...p)
  if (!fs.existsSync(file)) throw new Error(`${p.join('/')} 不存在：先运行 npm run build（npm test 会自动构建）`)
  return file
}

describe('the weapp build', () => {
  test('has the four tab pages and no 切换身份 page', () => {
    const app = JSON.parse(fs.readFileSync(built('dist', 'app.json'), 'utf8')) as { pages: string[]; tabBar: { list: { text: string }[] } }
    expect(app.pages.slice(0, 4)).toEqual(['pages/index/index', 'pages/claim/index', 'pages/shop/index', 'pages/me/index'])
    expect(app.pages.filter((p) => p.includes('dev-login'))).toEqual([])
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '申报', '兑换', '我的'])
    expect(fs.existsSync(path.join(root, 'dist', 'pages', 'dev-login'))).toBe(false)
    const js = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js'))
    for (const f of js) expect(fs.readFileSync(path.join(root, 'dist', f), 'utf8')).not.toContain('demo-user-')
  })
})

describe('the h5 build', () => {
  test('has the 切换身份 page', () => {
    const js = path.join(built('dist-h5', 'js'))
    const text = fs.readdirSync(js).map((f) => fs.readFileSync(path.join(js, f), 'utf8')).join('\n')
    expect(text).toContain('pages/dev-login/index')
  })
})

describe('the bundled cloud functions', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  test('user/index.js runs on its own (no node_modules beside it) and answers user.me through the SDK', () => {
    const bundle = built('cloudfunctions', 'user', 'index.js')
    // Copy it somewhere with no node_modules above, as CloudBase would run it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-'))
    fs.copyFileSync(bundle, path.join(dir, 'index.js'))
    const script = `
      const { main } = require(${JSON.stringify(path.join(dir, 'index.js'))})
      main({ action: 'me' }, { environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'demo-grid' }) })
        .then((r) => { console.log(JSON.stringify(r)); process.exit(0) })`
    const run = spawnSync(process.execPath, ['-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, TENCENTCLOUD: 'true', LOCAL_CLOUD_URL: cloud.url },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, data: { openid: 'demo-grid', name: '陈静', roles: [{ role: 'grid' }] } })
  })
})
