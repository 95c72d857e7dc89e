/**
 * The simulation as a fast-check property, for both entry points (tests/integration/simulation.test.ts with a fixed
 * seed, `npm run fuzz` with random ones): each run builds a fresh community on the one shared local cloud and plays a
 * random sequence of commands in it (fc.asyncModelRun), the invariants checked after every step. Runs never overlap
 * (the functions' clock is the cloud's, one for all), and each starts with the clock put back to now.
 *
 * Shrinking replays shortened sequences, each against a new community; `shrinkBudgetMs` bounds the time it takes:
 * past it, the remaining candidates pass at once and the smallest counterexample found so far is the answer.
 */
import fc from 'fast-check'
import type { TestCloud } from '../support/cloud'
import { stepArbitrary } from './commands'
import { afterRun } from './invariants'
import { type Model, newModel } from './model'
import { createWorld, type Invariant, type SimStats, type World } from './world'

export interface SimulationOptions {
  cloud: () => TestCloud
  stats: SimStats
  checks: ReadonlySet<Invariant>
  maxCommands: number
  shrinkBudgetMs: number
  /** Kinds of command left out (names of STEP_NAMES). */
  without?: ReadonlySet<string>
}

export function simulation(options: SimulationOptions) {
  let failedAt: number | null = null
  let world: World | null = null
  let model: Model | null = null
  return fc.asyncProperty(fc.commands([stepArbitrary(options.without)], { maxCommands: options.maxCommands, size: 'max' }), async (cmds) => {
    if (failedAt !== null && Date.now() - failedAt > options.shrinkBudgetMs) return
    options.stats.runs++
    world = null
    try {
      await fc.asyncModelRun(async () => {
        world = await createWorld(options.cloud(), options.stats, options.checks)
        model = newModel()
        return { model, real: world }
      }, cmds)
      await afterRun(model!, world!)
    } catch (e) {
      failedAt ??= Date.now()
      // Set by the setup above (TypeScript does not follow the assignment into the callback).
      const failed = world as World | null
      const trace = failed?.trace.slice(-12) ?? []
      if (e instanceof Error && failed && trace.length) e.message += `\n社区 ${failed.communityId}，最后的调用：\n  ${trace.join('\n  ')}`
      throw e
    }
  })
}

/** A failed run as the fuzz and the test print it: the seed to replay, the commands, and what broke. */
export function describeFailure<T extends [unknown]>(details: fc.RunDetails<T>): string {
  if (!details.failed) return ''
  const steps = details.counterexample ? String(details.counterexample[0]) : '（无）'
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.error)
  return [
    `seed ${details.seed}，path "${details.counterexamplePath}"（第 ${details.numRuns} 次运行失败，缩减 ${details.numShrinks} 次）`,
    `反例（实际执行的命令）：${steps}`,
    `失败：${error}`,
  ].join('\n')
}
