/**
 * Chromium driven by playwright-core, never downloaded at test time and never needing a system package:
 * - a system Chromium when there is one ($CHROMIUM_PATH, or /usr/bin/chromium);
 * - otherwise the headless Chromium shipped in the npm package @sparticuz/chromium (Linux x86_64). Its brotli archives —
 *   the browser, SwiftShader, and the NSS/expat libraries it links against — are unpacked once into
 *   $TMPDIR/shanzhi-chromium-<version>/ (3–4 s, once), so it runs on a machine without libnss3.
 * Text is drawn with Noto Sans SC from the npm package @fontsource/noto-sans-sc, put first for every font family through
 * fontconfig (FONTCONFIG_FILE): screenshots show Chinese, not boxes, and look the same on every machine. The first
 * launch in each test process checks that two different Chinese characters draw differently (boxes would not).
 * Unpacking is safe when jest workers launch at once: each fills its own staging folder and renames it into place.
 * Every test page comes from phonePage(). Screenshots go to test-results/<suite>/ and are kept as test artefacts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { type Browser, type Page, chromium } from 'playwright-core'

const root = path.resolve(__dirname, '../..')
const SYSTEM_CHROMIUM = '/usr/bin/chromium'
// The machine's network is closed: without the background-networking flags Chromium keeps trying (and logging) connections.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
// Weights the app's styles use; anything else is matched to the nearest of these.
const FONT_WEIGHTS = [400, 500, 600, 700]
// Bump when the fonts folder's contents change, so an old unpacked copy is not reused.
const FONTS_LAYOUT = 3

/** A system Chromium: $CHROMIUM_PATH (which must exist), else /usr/bin/chromium if installed; undefined means the npm one. */
export function systemChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH 指向的 Chromium 不存在：${configured}`)
    return configured
  }
  return fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined
}

/** `extraArgs` are added to the usual flags (e.g. a fake camera). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const system = systemChromium()
  const env: Record<string, string | undefined> = { ...process.env, FONTCONFIG_FILE: path.join(await cjkFonts(), 'fonts.conf') }
  let executablePath = system
  if (!executablePath) {
    const dir = await npmChromium()
    executablePath = path.join(dir, 'chromium')
    env.LD_LIBRARY_PATH = [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: [...FLAGS, ...extraArgs], env })
  if (!chineseChecked) {
    try {
      await assertChineseRenders(browser)
    } catch (error) {
      await browser.close()
      throw error
    }
    chineseChecked = true
  }
  return browser
}

let chineseChecked = false

/** Without a CJK font every Chinese character is the same box (or nothing): draw two and compare the pixels. */
async function assertChineseRenders(browser: Browser): Promise<void> {
  const page = await browser.newPage()
  try {
    // A string, not a function: what a transpiler adds to a function (helpers such as __name) does not exist in the page.
    const same = await page.evaluate<boolean>(`(() => {
      const draw = (text) => {
        const canvas = document.createElement('canvas')
        canvas.width = 48
        canvas.height = 48
        const context = canvas.getContext('2d')
        context.font = '40px sans-serif'
        context.fillText(text, 4, 40)
        return canvas.toDataURL()
      }
      return draw('善') === draw('治')
    })()`)
    if (same) throw new Error('浏览器里的中文显示不出来（没有中文字体）：请先运行 npm install，确认装好了 @fontsource/noto-sans-sc')
  } finally {
    await page.close()
  }
}

/** A phone-sized page in its own context (its own storage), as a resident would hold it. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true })
  return context.newPage()
}

export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = path.join(root, 'test-results', suite)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  // Taro's h5 router slides pages in; let the transition finish so the picture shows what a person sees.
  await page.waitForTimeout(400)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

export function assertH5Built(): void {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    throw new Error('h5 还没有构建：先运行 npm run build:h5（npm test 会自动构建）')
  }
}

let chromiumDir: Promise<string> | undefined
let fontsDir: Promise<string> | undefined

/** The npm Chromium, unpacked (once per machine and package version); returns its folder. */
function npmChromium(): Promise<string> {
  chromiumDir ??= (async () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(`npm 包 @sparticuz/chromium 只带 Linux x86_64 的 Chromium，这台机器是 ${process.platform}/${process.arch}：请安装 Chromium，并用环境变量 CHROMIUM_PATH 指向它`)
    }
    let main: string
    try {
      main = require.resolve('@sparticuz/chromium')
    } catch {
      throw new Error('找不到 npm 包 @sparticuz/chromium（浏览器测试用的 Chromium）：请先运行 npm install')
    }
    const pkg = path.resolve(path.dirname(main), '../..')
    const { version } = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }
    const bin = path.join(pkg, 'bin')
    return unpackOnce(path.join(os.tmpdir(), `shanzhi-chromium-${version}`), async (into) => {
      await pipeline(fs.createReadStream(path.join(bin, 'chromium.br')), zlib.createBrotliDecompress(), fs.createWriteStream(path.join(into, 'chromium'), { mode: 0o755 }))
      untar(zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'swiftshader.tar.br'))), into) // libEGL, libGLESv2… beside the binary
      untar(zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'al2023.tar.br'))), into) // lib/libnss3.so…
    })
  })()
  chromiumDir.catch(() => (chromiumDir = undefined))
  return chromiumDir
}

/**
 * Noto Sans SC for fontconfig: @fontsource ships it as WOFF files in unicode-range slices (fontconfig skips WOFF), so each
 * slice is unwrapped to the OpenType font inside; Chromium's fallback finds the slice holding each character.
 * Returns the folder holding fonts.conf.
 */
function cjkFonts(): Promise<string> {
  fontsDir ??= (async () => {
    let files: string
    try {
      files = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files')
    } catch {
      throw new Error('找不到 npm 包 @fontsource/noto-sans-sc（浏览器测试用的中文字体）：请先运行 npm install')
    }
    const { version } = JSON.parse(fs.readFileSync(path.join(files, '..', 'package.json'), 'utf8')) as { version: string }
    const dir = path.join(os.tmpdir(), `shanzhi-fonts-noto-sans-sc-${version}-${FONTS_LAYOUT}`)
    const weights = new RegExp(`-(${FONT_WEIGHTS.join('|')})-normal\\.woff$`)
    return unpackOnce(dir, async (into) => {
      fs.mkdirSync(path.join(into, 'fonts'))
      for (const name of fs.readdirSync(files).filter((f) => weights.test(f))) {
        fs.writeFileSync(path.join(into, 'fonts', name.replace(/\.woff$/, '.otf')), woffToSfnt(fs.readFileSync(path.join(files, name))))
      }
      // The paths are the final folder's, not the staging one's. Noto Sans SC comes first whatever family is asked for
      // (so the machine's fonts never change the pictures); the machine's own fonts, if any, are only reached for the
      // few symbols it lacks (▾ ▸ ▴ ↩ ✗), which are otherwise boxes.
      fs.writeFileSync(
        path.join(into, 'fonts.conf'),
        `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${path.join(dir, 'fonts')}</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <cachedir>${path.join(dir, 'cache')}</cachedir>
  <match target="pattern"><edit name="family" mode="prepend" binding="strong"><string>Noto Sans SC</string></edit></match>
</fontconfig>
`,
      )
    })
  })()
  fontsDir.catch(() => (fontsDir = undefined))
  return fontsDir
}

/**
 * Makes `dir` by filling a staging folder and renaming it into place, so `dir` exists only when complete. Whoever
 * renames first wins; the others discard their copy. Staging folders left by a killed run are removed after 10 minutes.
 */
async function unpackOnce(dir: string, fill: (into: string) => Promise<void>): Promise<string> {
  if (fs.existsSync(dir)) return dir
  const parent = path.dirname(dir)
  const prefix = `${path.basename(dir)}.partial-`
  for (const name of fs.readdirSync(parent)) {
    const stale = path.join(parent, name)
    if (name.startsWith(prefix) && Date.now() - fs.statSync(stale).mtimeMs > 10 * 60_000) fs.rmSync(stale, { recursive: true, force: true })
  }
  const staging = fs.mkdtempSync(path.join(parent, prefix))
  try {
    await fill(staging)
    fs.renameSync(staging, dir)
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true })
    if (!fs.existsSync(dir)) throw error // otherwise another worker got there first
  }
  return dir
}

/** Regular files and folders of a ustar archive (all these archives hold). */
function untar(tar: Buffer, into: string): void {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    if (header.every((byte) => byte === 0)) break
    const field = (from: number, length: number) => header.toString('latin1', from, from + length).replace(/\0.*$/s, '').trim()
    const posix = header.toString('latin1', 257, 263) === 'ustar\0' // GNU tar keeps other fields where POSIX has the prefix
    const name = path.posix.join(posix ? field(345, 155) : '', field(0, 100))
    const size = parseInt(field(124, 12) || '0', 8)
    const mode = parseInt(field(100, 8) || '644', 8)
    const type = field(156, 1) || '0'
    const target = path.resolve(into, name)
    if (!target.startsWith(path.resolve(into) + path.sep)) throw new Error(`压缩包里的路径不安全：${name}`)
    if (type === '5') fs.mkdirSync(target, { recursive: true })
    else if (type === '0') {
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: mode & 0o777 })
    } else throw new Error(`压缩包里有不支持的条目类型 ${type}：${name}`)
    at += 512 + Math.ceil(size / 512) * 512
  }
}

/** The OpenType font inside a WOFF 1.0 file: each table zlib-inflated (when stored compressed) into a plain sfnt. */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('不是 WOFF 字体文件')
  const count = woff.readUInt16BE(12)
  const tables: { tag: number; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20
    const offset = woff.readUInt32BE(entry + 4)
    const compressed = woff.readUInt32BE(entry + 8)
    const original = woff.readUInt32BE(entry + 12)
    const stored = woff.subarray(offset, offset + compressed)
    const data = compressed < original ? zlib.inflateSync(stored) : stored
    if (data.length !== original) throw new Error('WOFF 字体表的长度不对')
    tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data })
  }
  let log2 = 0
  while (1 << (log2 + 1) <= count) log2++
  const searchRange = (1 << log2) * 16
  const padded = (n: number) => (n + 3) & ~3
  const sfnt = Buffer.alloc(12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.data.length), 0))
  sfnt.writeUInt32BE(woff.readUInt32BE(4), 0) // flavour: TrueType or CFF
  sfnt.writeUInt16BE(count, 4)
  sfnt.writeUInt16BE(searchRange, 6)
  sfnt.writeUInt16BE(log2, 8)
  sfnt.writeUInt16BE(count * 16 - searchRange, 10)
  let offset = 12 + 16 * count
  tables.forEach((table, i) => {
    const record = 12 + i * 16
    sfnt.writeUInt32BE(table.tag, record)
    sfnt.writeUInt32BE(table.checksum, record + 4)
    sfnt.writeUInt32BE(offset, record + 8)
    sfnt.writeUInt32BE(table.data.length, record + 12)
    table.data.copy(sfnt, offset)
    offset += padded(table.data.length)
  })
  return sfnt
}
