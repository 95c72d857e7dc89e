/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts, with the shared core it imports) into
 * cloudfunctions/<name>/index.js with esbuild: a folder CloudBase deploys as is (`tcb fn deploy <name>`,
 * or 上传并部署 in WeChat DevTools), with no npm install in the cloud.
 */
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const functionsDir = path.join(root, 'cloudfunctions')
const names = fs
  .readdirSync(functionsDir)
  .filter((n) => !n.startsWith('_') && !n.startsWith('.') && fs.existsSync(path.join(functionsDir, n, 'index.ts')))

const started = Date.now()
for (const name of names) {
  const outfile = path.join(functionsDir, name, 'index.js')
  const result = await build({
    entryPoints: [path.join(functionsDir, name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    // CloudBase's Nodejs20.19 runtime (scripts/plan.ts RUNTIME).
    target: 'node20',
    format: 'cjs',
    // Whitespace and syntax minified, names kept: a bundle then reads as its sources (stack traces name real
    // functions), and a short generated name can never look like something else, such as a focused test (xit, fit).
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: false,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  })
  // A bundle must not read like a skipped or focused test to the tools that look for them.
  const focused = /\b(?:it|test|describe)\.(?:skip|only)\(|\b(?:xit|xtest|xdescribe|fit|fdescribe)\(/.exec(fs.readFileSync(outfile, 'utf8'))
  if (focused) throw new Error(`云函数 ${name} 的打包结果里有像跳过或聚焦测试的代码：${focused[0]}`)
  const bytes = fs.statSync(outfile).size
  console.log(`云函数 ${name.padEnd(12)} ${(bytes / 1024).toFixed(1)} KB → ${path.relative(root, outfile)}`)
  void result
}
console.log(`打包了 ${names.length} 个云函数，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`)
