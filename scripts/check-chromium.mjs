/** The browser tests need Debian's Chromium; without it `npm test` fails here and says how to install it. */
import fs from 'node:fs'

const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(executable)) {
  console.error(`找不到 Chromium（${executable}），浏览器测试无法运行。`)
  console.error('请先安装：apt-get install -y chromium fonts-wqy-microhei')
  process.exit(1)
}
