// Sizes of the weapp build: the main package (everything not under a subpackage root of dist/app.json) and each
// subpackage. WeChat refuses a main package over 2 MB; our own budget is 1 MB, so this exits 1 above it.
// Usage: node scripts/weapp-size.mjs [dist]
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const LIMIT_KB = 1024
const root = process.argv[2] ?? 'dist'

let app
try {
  app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'))
} catch (e) {
  console.error(`没有找到 ${join(root, 'app.json')}：请先运行 npx taro build --type weapp（${e.message}）`)
  process.exit(1)
}

const subRoots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])]
  .map((p) => String(p.root).replace(/^\/+|\/+$/g, ''))
  .filter(Boolean)

const sizes = new Map([['', 0], ...subRoots.map((r) => [r, 0])])

function packageOf(file) {
  const rel = relative(root, file).split(sep).join('/')
  return subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? ''
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    const stat = statSync(file)
    if (stat.isDirectory()) walk(file)
    // Source maps are not uploaded to WeChat.
    else if (!name.endsWith('.map')) sizes.set(packageOf(file), sizes.get(packageOf(file)) + stat.size)
  }
}
walk(root)

const kb = (bytes) => (bytes / 1024).toFixed(1)
const main = sizes.get('')
console.log(`weapp 主包 ${kb(main)} KB (上限 ${LIMIT_KB} KB)`)
for (const r of subRoots) console.log(`weapp 分包 ${r} ${kb(sizes.get(r))} KB`)
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
console.log(`weapp 合计 ${kb(total)} KB`)

if (main > LIMIT_KB * 1024) {
  console.error(`主包超过 ${LIMIT_KB} KB：把角色页面放进分包（app.config.ts subPackages），或减少主包引用的依赖。`)
  process.exit(1)
}
