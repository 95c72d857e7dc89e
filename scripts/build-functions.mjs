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
    // CloudBase's Node.js 18 runtime (global fetch) and newer.
    target: 'node18',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  })
  const bytes = fs.statSync(outfile).size
  console.log(`云函数 ${name.padEnd(12)} ${(bytes / 1024).toFixed(1)} KB → ${path.relative(root, outfile)}`)
  void result
}
console.log(`打包了 ${names.length} 个云函数，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`)
