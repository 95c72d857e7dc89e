/**
 * `npm run fuzz -- [--minutes N] [--seed S] [--max-commands N] [--skip f,...] [--with g] [--without reverse,...] [--shrink-seconds N]` — the model-based simulation for longer:
 * random seeds (or the one given, to replay a failure), batches of runs until the minutes are up (default 10). Each
 * failure prints its seed, path and shrunk counterexample, and the batch after it starts on a fresh local cloud (a broken
 * community must not break the next runs through the timer, which serves every community). The cloud is also renewed
 * every RENEW runs, so the timer's work does not grow with the communities of earlier runs. At the end: the runs, steps
 * and API calls executed. `--skip` leaves invariants out (by letter) to look past a known failure; `--with g` adds the
 * optional one (tests/sim/invariants.ts); `--without` leaves kinds of command out (tests/sim/commands.ts STEPS); `--shrink-seconds` bounds the shrinking of a
 * failure (default 120; 0 reports it as it was found).
 * Exit status 1 when anything failed.
 */
process.env.TENCENTCLOUD = 'true'
process.env.TZ = process.env.TZ ?? 'UTC'
import fc from 'fast-check'
import { parseArgs } from 'node:util'
import { startCloud, type TestCloud } from '../support/cloud'
import { STEP_NAMES } from './commands'
import { describeFailure, simulation } from './run'
import { DEFAULT_INVARIANTS, INVARIANTS, type Invariant, newStats } from './world'

const BATCH = 10
const RENEW = 40

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      seed: { type: 'string' },
      'max-commands': { type: 'string', default: '40' },
      skip: { type: 'string', default: '' },
      with: { type: 'string', default: '' },
      without: { type: 'string', default: '' },
      'shrink-seconds': { type: 'string', default: '120' },
    },
  })
  const minutes = Number(values.minutes)
  const maxCommands = Number(values['max-commands'])
  const skip = new Set(values.skip.split(',').filter(Boolean))
  const extra = new Set(values.with.split(',').filter(Boolean))
  for (const s of [...skip, ...extra]) if (!INVARIANTS.includes(s as Invariant)) throw new Error(`没有这个不变量：${s}（只有 ${INVARIANTS.join('、')}）`)
  const checks = new Set(INVARIANTS.filter((i) => (DEFAULT_INVARIANTS.includes(i) || extra.has(i)) && !skip.has(i)))
  const without = new Set(values.without.split(',').filter(Boolean))
  for (const c of without) if (!STEP_NAMES.includes(c)) throw new Error(`没有这个命令：${c}（只有 ${STEP_NAMES.join('、')}）`)
  const started = Date.now()
  const deadline = started + minutes * 60_000
  const stats = newStats()
  const failures: string[] = []
  let cloud: TestCloud | null = null
  let runsOnCloud = 0
  console.log(`模拟：${values.seed !== undefined ? `重放 seed ${values.seed}（${BATCH} 次运行）` : `${minutes} 分钟`}，每次最多 ${maxCommands} 步，检查不变量 ${[...checks].join('')}${without.size ? `，不用命令 ${[...without].join('、')}` : ''}`)

  while (Date.now() < deadline) {
    if (!cloud || runsOnCloud >= RENEW) {
      await cloud?.stop()
      cloud = await startCloud({ empty: true })
      runsOnCloud = 0
    }
    const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31)
    const before = stats.runs
    const current = cloud
    const details = await fc.check(simulation({ cloud: () => current, stats, checks, maxCommands, shrinkBudgetMs: Number(values['shrink-seconds']) * 1000, without }), { seed, numRuns: BATCH })
    runsOnCloud += stats.runs - before
    if (details.failed) {
      const report = describeFailure(details)
      failures.push(report)
      console.log(`\n✗ 失败（第 ${failures.length} 个）\n${report}\n`)
      // A fresh cloud for what follows.
      await cloud.stop()
      cloud = null
    } else {
      console.log(`✓ seed ${seed}：${BATCH} 次运行通过（累计 ${stats.runs} 次运行、${stats.steps} 步、${stats.calls} 次调用，${Math.round((Date.now() - started) / 1000)} 秒）`)
    }
    if (values.seed !== undefined) break
  }
  await cloud?.stop()
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log('\n各动作的答复（命令发出的调用）：')
  for (const [action, tally] of Object.entries(stats.answers).sort()) {
    console.log(`  ${action}: ${Object.entries(tally).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join('，')}`)
  }
  console.log(`\n共 ${stats.runs} 次运行（含缩减时的重放）、${stats.steps} 步命令、${stats.calls} 次 API 调用，用时 ${seconds} 秒；失败 ${failures.length} 个。`)
  process.exitCode = failures.length ? 1 : 0
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
