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

describe('the weapp build for WeChat', () => {
  const jsFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []))

  test('is plain ES2017 (no ?. or ?? or object spread), which WeChat on iOS 11 runs, in our code and every package', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const acorn = require('acorn') as { parse: (code: string, options: { ecmaVersion: number; sourceType: 'script' }) => unknown }
    const files = jsFiles(built('dist'))
    expect(files.length).toBeGreaterThan(20)
    const refused = files.filter((f) => {
      try {
        acorn.parse(fs.readFileSync(f, 'utf8'), { ecmaVersion: 2017, sourceType: 'script' })
        return false
      } catch {
        return true
      }
    })
    expect(refused.map((f) => path.relative(root, f))).toEqual([])
  })

  test('injects components only where a page uses them, is minified, and talks to the environment it was built for', () => {
    const app = JSON.parse(fs.readFileSync(built('dist', 'app.json'), 'utf8')) as { lazyCodeLoading?: string }
    expect(app.lazyCodeLoading).toBe('requiredComponents')
    const vendors = fs.readFileSync(built('dist', 'vendors.js'), 'utf8')
    expect(vendors.split('\n').length).toBeLessThan(10)
    expect(fs.readFileSync(built('dist', 'app.js'), 'utf8')).toMatch(/cloud\.init\(\{env:"[\w-]+"/)
    const project = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { setting: Record<string, boolean> }
    expect(project.setting).toMatchObject({ minified: true, minifyWXSS: true, minifyWXML: true })
  })

  test('stops, naming TARO_APP_CLOUD_ENV, when no cloud environment is given (before touching dist/)', () => {
    const env = { ...process.env }
    delete env.TARO_APP_CLOUD_ENV
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'weapp'], {
      cwd: root,
      env: { ...env, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('没有设置 TARO_APP_CLOUD_ENV')
    expect(fs.existsSync(path.join(root, 'dist', 'app.json'))).toBe(true)
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
