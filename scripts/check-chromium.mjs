/**
 * Run first by `npm test`: is there a Chromium for the browser tests? A system one ($CHROMIUM_PATH, or /usr/bin/chromium),
 * or else the one in the npm package @sparticuz/chromium (Linux x86_64), plus the Chinese font from
 * @fontsource/noto-sans-sc. tests/support/browser.ts unpacks and launches them; this only fails early, in words, when
 * neither is there.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const problems = []

/** The package's folder, or undefined when it is not installed. */
function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`))
  } catch {
    try {
      // @sparticuz/chromium does not export its package.json: go up from its entry point (build/cjs/index.cjs).
      return path.resolve(path.dirname(require.resolve(name)), '../..')
    } catch {
      return undefined
    }
  }
}

const configured = process.env.CHROMIUM_PATH
if (configured) {
  if (!fs.existsSync(configured)) problems.push(`环境变量 CHROMIUM_PATH 指向的 Chromium 不存在：${configured}（改正它，或去掉它以使用 npm 包里的 Chromium）`)
} else if (!fs.existsSync('/usr/bin/chromium')) {
  const dir = packageDir('@sparticuz/chromium')
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    problems.push(`这台机器是 ${process.platform}/${process.arch}，npm 包 @sparticuz/chromium 只带 Linux x86_64 的 Chromium：请安装 Chromium，并用环境变量 CHROMIUM_PATH 指向它`)
  } else if (!dir || !fs.existsSync(path.join(dir, 'bin', 'chromium.br'))) {
    problems.push('找不到 npm 包 @sparticuz/chromium 里的 Chromium：请先在仓库根目录运行 npm install')
  }
}
const fonts = packageDir('@fontsource/noto-sans-sc')
if (!fonts || !fs.existsSync(path.join(fonts, 'files')) || !fs.readdirSync(path.join(fonts, 'files')).some((name) => name.endsWith('.woff'))) {
  problems.push('找不到 npm 包 @fontsource/noto-sans-sc（截图里的中文字体）：请先在仓库根目录运行 npm install')
}

if (problems.length > 0) {
  console.error('浏览器测试无法运行：')
  for (const problem of problems) console.error(`- ${problem}`)
  process.exit(1)
}
