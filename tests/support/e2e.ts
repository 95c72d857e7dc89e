/**
 * The one harness of the e2e tests (tests/e2e/*.e2e.test.ts). A file calls `useE2E(suite)` once, at its top: that starts
 * the local cloud (on its own temporary data, ready when it says so, see cloud.ts) and Chromium once for the file, stops
 * both after its last test, and hands back what the tests use: `cloud` and `browser`, sign-in as a demo person, a phone
 * that already holds an identity, and screenshots and temporary files of the suite (test-results/<suite>/).
 * Below it are the waits and page steps the files share, which need no cloud. The e2e files define no helper of their own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, FileChooser, Locator, Page } from 'playwright-core'
import { IDENTITY_STORAGE_KEY } from '@core/identity'
import { assertH5Built, launchBrowser, phonePage, screenshot } from './browser'
import { photoBytes } from './claims'
import { startCloud, type TestCloud } from './cloud'

export interface E2E {
  /** The file's local cloud: demo data, or with `empty` none (as `DEMO=0 npm start`). */
  cloud: TestCloud
  /** The file's Chromium; each page comes from phonePage(browser), with its own storage. */
  browser: Browser
  /** Picks the demo person `openid` on 切换身份, as a visitor would, and waits for their 首页 (on failure: a screenshot and the page's words). */
  signIn: (page: Page, openid: string) => Promise<void>
  /** A new phone whose identity is `openid` before the app starts, as 切换身份 would have left it; any openid, known to the cloud or not. */
  phoneAs: (openid: string) => Promise<Page>
  /** 切换身份 → types `openid`, which the cloud has never seen (screenshot `shot`) → 使用: a new WeChat user on 首页, not joined. */
  signInAsNewUser: (page: Page, openid: string, shot: string) => Promise<void>
  /** 输入邀请码加入 with `code` and `name` (screenshot `shot` of the filled form); waits for 首页 showing the name. */
  joinWith: (page: Page, code: string, name: string, shot: string) => Promise<void>
  /** Fills in and confirms the name sheet of 组织架构 (screenshot `shot` before confirming). */
  fillNameSheet: (page: Page, name: string, shot: string) => Promise<void>
  /** Opens `#/<route>` and waits for `testId` on it. */
  visit: (page: Page, route: string, testId: string) => Promise<void>
  /** A screenshot of the suite taken once no toast covers the page; `top` is scrolled into view first. */
  screenshotWithoutToast: (page: Page, name: string, top?: Locator) => Promise<void>
  /** A path in the file's temporary folder, which goes after its last test. */
  tempPath: (name: string) => string
  /** A PNG on disk (photoBytes(seed)), as a phone's album would hold it. */
  photoFile: (seed: number) => string
}

/** Registers the file's beforeAll (start the cloud and Chromium) and afterAll (stop them, remove temporary files). */
export function useE2E(suite: string, options: { empty?: boolean } = {}): E2E {
  let cloud: TestCloud | undefined
  let browser: Browser | undefined
  let tmp: string | undefined

  beforeAll(async () => {
    assertH5Built()
    const started = await Promise.allSettled([startCloud({ empty: options.empty }).then((c) => (cloud = c)), launchBrowser().then((b) => (browser = b))])
    for (const result of started) if (result.status === 'rejected') throw result.reason
  })
  afterAll(async () => {
    await browser?.close()
    await cloud?.stop()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  const harness: E2E = {
    cloud: startedHandle('本地云', () => cloud),
    browser: startedHandle('Chromium', () => browser),
    signIn: async (page, openid) => {
      await page.goto(`${harness.cloud.url}/#/pages/dev-login/index`)
      await page.getByTestId(`demo-user-${openid}`).click()
      await page
        .getByTestId('me-name')
        .waitFor()
        .catch(async (e) => {
          await screenshot(page, suite, `failed-sign-in-${openid}`)
          throw new Error(`${openid} 的首页没有出来：${await page.locator('body').textContent()}\n${e}`)
        })
    },
    phoneAs: async (openid) => {
      const page = await phonePage(harness.browser)
      await presetIdentity(page.context(), openid)
      return page
    },
    signInAsNewUser: async (page, openid, shot) => {
      await page.goto(`${harness.cloud.url}/#/pages/dev-login/index`)
      await page.getByTestId('dev-openid-input').locator('input').fill(openid)
      await screenshot(page, suite, shot)
      await page.getByTestId('dev-openid-use').click()
      await page.getByTestId('not-joined').waitFor()
    },
    joinWith: async (page, code, name, shot) => {
      await page.getByTestId('join-with-code').click()
      await page.getByTestId('join-page').waitFor()
      await page.getByTestId('join-code').locator('input').fill(code)
      await page.getByTestId('join-name').locator('input').fill(name)
      await screenshot(page, suite, shot)
      await page.getByTestId('join-submit').click()
      await page.getByTestId('me-name').waitFor()
      await expect(text(page, 'me-name')).resolves.toContain(name)
    },
    fillNameSheet: async (page, name, shot) => {
      const sheet = page.getByTestId('admin-sheet')
      await sheet.waitFor()
      await sheet.getByTestId('sheet-name').locator('input').fill(name)
      await screenshot(page, suite, shot)
      await sheet.getByTestId('sheet-confirm').click()
      await sheet.waitFor({ state: 'detached' })
    },
    visit: async (page, route, testId) => {
      await page.goto(`${harness.cloud.url}/#/${route}`)
      await page.getByTestId(testId).waitFor()
    },
    screenshotWithoutToast: async (page, name, top) => {
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || t.style.opacity === '0'), undefined, { timeout: 6000 })
      if (top) await top.scrollIntoViewIfNeeded()
      await screenshot(page, suite, name)
    },
    tempPath: (name) => path.join((tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), `${suite}-e2e-`))), name),
    photoFile: (seed) => {
      const file = harness.tempPath(`photo-${seed}.png`)
      fs.writeFileSync(file, photoBytes(seed))
      return file
    },
  }
  return harness
}

/**
 * Stands for what `current()` answers once beforeAll has started it, so a file can name `cloud` and `browser` at its top:
 * a property read goes to the started object (a method comes bound to it). Read before the start, it says so.
 */
function startedHandle<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = current()
      if (!target) throw new Error(`${what}还没有启动：只能在 beforeAll 之后（测试里）使用`)
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Puts `value` in the page's storage under `key` before the app starts, the way Taro's h5 setStorageSync keeps it: `{"data": value}`. */
export async function presetTaroStorage(context: BrowserContext, key: string, value: unknown): Promise<void> {
  await context.addInitScript((item) => window.localStorage.setItem(item.key, item.stored), { key, stored: JSON.stringify({ data: value }) })
}

/** The demo identity (src/api/identity.ts) of every page of `context`, as 切换身份 would have left it. */
export async function presetIdentity(context: BrowserContext, openid: string): Promise<void> {
  await presetTaroStorage(context, IDENTITY_STORAGE_KEY, openid)
}

/** The trimmed text of the first element `locator` (or `page`'s test id `testId`) matches. */
export async function text(locator: Locator): Promise<string>
export async function text(page: Page, testId: string): Promise<string>
export async function text(target: Locator | Page, testId?: string): Promise<string> {
  const locator = testId === undefined ? (target as Locator) : (target as Page).getByTestId(testId)
  return ((await locator.first().textContent()) ?? '').trim()
}

/** Waits (up to 10 s) until the first element `locator` matches holds `expected` in its text: a page updates after a tap or a call. */
export async function waitForText(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  await locator
    .first()
    .filter({ hasText: expected })
    .waitFor({ state: 'attached', timeout })
    .catch(async () => {
      throw new Error(`expected "${expected}", found "${await locator.first().textContent({ timeout: 1000 }).catch(() => null)}"`)
    })
}

/** Waits (up to 10 s) until `locator` matches exactly `n` elements: a list re-renders after a tap. */
export async function waitForCount(locator: Locator, n: number, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout
  const left = () => Math.max(until - Date.now(), 1)
  for (;;) {
    try {
      if (n > 0) await locator.nth(n - 1).waitFor({ state: 'attached', timeout: left() })
      await locator.nth(n).waitFor({ state: 'detached', timeout: left() })
    } catch {
      throw new Error(`expected ${n} elements, found ${await locator.count()}`)
    }
    // The list may have changed between the two waits: settled only when the count says so.
    if ((await locator.count()) === n) return
    if (Date.now() > until) throw new Error(`expected ${n} elements, found ${await locator.count()}`)
  }
}

/**
 * The file picker h5 opens after `tap` (on a phone, after its 拍摄 / 从相册选择 sheet, which this answers), or null if
 * none opens within `ms`.
 */
export async function fileChooserAfter(page: Page, tap: () => Promise<unknown>, ms = 5000): Promise<FileChooser | null> {
  const chooser = page.waitForEvent('filechooser', { timeout: ms }).catch(() => null)
  await tap()
  const album = page.locator('.taro-actionsheet__cell').filter({ hasText: '从相册选择' })
  const first = await Promise.race([chooser, album.waitFor({ timeout: ms }).then(() => 'sheet' as const).catch(() => null)])
  if (first !== 'sheet') return first
  const again = page.waitForEvent('filechooser', { timeout: ms })
  await album.click()
  return again
}

/** Taps `add` (添加照片 unless told) and gives the file picker `file`. */
export async function attachPhoto(page: Page, file: string, add = page.getByTestId('photo-add')): Promise<void> {
  const chooser = await fileChooserAfter(page, () => add.click())
  if (!chooser) throw new Error('点了以后没有打开选照片')
  await chooser.setFiles(file)
}
