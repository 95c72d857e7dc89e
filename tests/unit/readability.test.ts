/**
 * The readability checker (tests/support/readability.ts) on tiny pages in Chromium: each rule catches its bad case
 * and keeps quiet on a good one, and the exemptions reach only what they name.
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { type Offence, readabilityOffences, watchClickHandlers } from '../support/readability'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage()
  await watchClickHandlers(page)
  await page.goto('about:blank')
})
afterAll(async () => {
  await browser?.close()
})

const GOOD = 'font-size:16px;color:#333;background:#fff;margin:0'

async function offences(body: string, script = ''): Promise<Offence[]> {
  await page.setContent(`<html><body style="${GOOD};width:320px">${body}<script>${script}</script></body></html>`)
  return readabilityOffences(page)
}

const rules = (list: Offence[]) => list.map((o) => o.rule)

test('a page that reads well has no offence', async () => {
  await expect(offences('<p>你好，这是正文</p><button style="width:88px;height:48px;font-size:16px;color:#fff;background:#06873f">提交</button><p>导出 Excel</p>')).resolves.toEqual([])
})

test('font: text under 16px is named with its size; the tab bar is exempt', async () => {
  const found = await offences('<p data-testid="note" style="font-size:14px">小字说明</p><div data-testid="tab-bar"><span style="font-size:12px">首页</span></div>')
  expect(found).toEqual([{ rule: 'font', selector: '[data-testid=note] p', text: '小字说明', value: '14px' }])
})

test('target: a button, a field, a listened-to element and a React onClick under 44 × 44 are each named with their size', async () => {
  const found = await offences(
    '<button style="width:30px;height:30px">×</button><input placeholder="姓名" style="height:30px;width:200px"><div id="x" style="width:40px;height:40px">去</div><div id="y" style="width:60px;height:60px">大</div><span id="z" style="display:inline-block;width:20px;height:50px">看</span><span style="display:inline-block;width:20px;height:20px">字</span>',
    "document.getElementById('x').addEventListener('click', () => {}); document.getElementById('y').addEventListener('click', () => {}); document.getElementById('z').__reactProps$t = { onClick: () => {} }",
  )
  expect(found.filter((o) => o.rule === 'target').map((o) => `${o.selector} ${o.value}`)).toEqual(['button 30×30', 'input 200×30', 'div 40×40', 'span 20×50'])
})

test('contrast: light grey on white fails with its ratio; on a dark parent white text passes; a translucent colour is composed', async () => {
  const found = await offences('<p style="color:#aaa">浅灰字</p><div style="background:#333"><p style="color:#fff">白字</p></div><div style="background:#ededed"><p style="color:rgba(0,0,0,0.3)">半透明</p></div>')
  expect(found.map((o) => `${o.text} ${o.value}`)).toEqual(['浅灰字 2.32:1 (#aaaaaa on #ffffff)', '半透明 2.08:1 (#a6a6a6 on #ededed)'])
})

test('contrast: a gradient counts as its worst stop; a disabled button is exempt', async () => {
  const found = await offences('<div style="background:linear-gradient(#000, #ddd)"><p style="color:#fff">渐变上的白字</p></div><button disabled style="width:88px;height:48px;font-size:16px;color:#ccc;background:#fff">不能点</button>')
  expect(rules(found)).toEqual(['contrast'])
  expect(found[0].text).toBe('渐变上的白字')
})

test('contrast: text placed outside its parent (a value over a bar) is judged against what is behind it, not the parent', async () => {
  const found = await offences(
    '<div style="position:relative;margin-top:60px;height:40px;width:40px;background:#07c160"><span style="position:absolute;bottom:100%;left:0;color:#fff">32</span><span style="color:#fff">里</span></div>',
  )
  expect(found.map((o) => `${o.text} ${o.value}`)).toEqual(['32 1.00:1 (#ffffff on #ffffff)', '里 2.38:1 (#ffffff on #07c160)'])
})

test('within: only the named part is measured (an open sheet), the sideways check stays whole', async () => {
  await page.setContent(`<body style="${GOOD};width:320px"><p style="font-size:10px">页面上的小字</p><div data-testid="sheet"><p style="font-size:12px">弹窗里的小字</p></div></body>`)
  const found = await readabilityOffences(page, '[data-testid="sheet"]')
  expect(found.map((o) => o.text)).toEqual(['弹窗里的小字'])
})

test('overflow: a block wider than the screen is named with its edge, the document too; inside a scroller it is fine', async () => {
  const found = await offences('<div data-testid="wide" style="width:400px">很宽的一块</div>')
  expect(found.map((o) => `${o.rule} ${o.selector} ${o.value}`)).toEqual(['overflow html scrollWidth 400 > 320', 'overflow [data-testid=wide] div left 0 right 400 > 320'])
  await expect(offences('<div style="overflow-x:auto;width:300px"><div style="width:600px">可以横着滑的</div></div>')).resolves.toEqual([])
})

test('english and raw ids: words and ids are named; Excel and an invite code are allowed', async () => {
  const found = await offences('<p>状态 pending</p><p>编号 demo-resident</p><p>rule-clean-yard</p><p>记录 a3f9c2e7d1</p><p>导出 Excel</p><p data-testid="invite-code">AB3K7MNP</p><p>2026年11月30日 20261130</p>')
  expect(found.map((o) => `${o.rule} ${o.value}`)).toEqual([
    'english "pending"',
    'english "demo" "resident"',
    'raw-id "demo-resident"',
    'english "rule" "clean" "yard"',
    'raw-id "rule-clean-yard"',
    'raw-id "a3f9c2e7d1"',
  ])
})

test('code: an invite code split over two lines is named; on one line it is fine', async () => {
  const code = (width: number) => `<p data-testid="invite-code" style="width:${width}px;font-size:36px">96UE-FQ93</p>`
  await expect(offences(code(120))).resolves.toEqual([{ rule: 'code', selector: '[data-testid=invite-code] p', text: '96UE-FQ93', value: '2 lines' }])
  await expect(offences(code(300))).resolves.toEqual([])
})

test('hidden things are not measured: display none, visibility hidden, opacity 0', async () => {
  await expect(offences('<p style="display:none;font-size:10px">hidden</p><p style="visibility:hidden;color:#eee">藏</p><div style="opacity:0"><button style="width:10px;height:10px">x</button></div>')).resolves.toEqual([])
})
