/**
 * Hosts the cloud functions in-process, as CloudBase would run them: `main(event, context)`.
 * The caller's identity travels per call in `context.environment` (read by `getCloudbaseContext`),
 * never through process-wide variables, so concurrent calls never share one.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export type CloudFunctionMain = (event: unknown, context: Record<string, unknown>) => unknown

export interface Caller {
  openid: string
}

export class Functions {
  private readonly mains = new Map<string, CloudFunctionMain>()

  /** Loads every `cloudfunctions/<name>/index.ts`; folders starting with `_` hold shared code, not functions. */
  static load(root: string): Functions {
    const functions = new Functions()
    for (const name of fs.readdirSync(root).sort()) {
      if (name.startsWith('_') || name.startsWith('.')) continue
      const entry = path.join(root, name, 'index.ts')
      if (!fs.existsSync(entry)) continue
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(entry) as { main?: CloudFunctionMain }
      if (typeof mod.main !== 'function') throw new Error(`云函数 ${name} 没有导出 main`)
      functions.mains.set(name, mod.main)
    }
    return functions
  }

  names(): string[] {
    return [...this.mains.keys()]
  }

  has(name: string): boolean {
    return this.mains.has(name)
  }

  async invoke(name: string, event: unknown, caller: Caller | null): Promise<unknown> {
    const main = this.mains.get(name)
    if (!main) throw new Error(`云函数不存在：${name}`)
    const environment: Record<string, string> = { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'local' }
    if (caller) environment.WX_OPENID = caller.openid
    const context = {
      request_id: randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: 'local',
      memory_limit_in_mb: 256,
      time_limit_in_ms: 20_000,
      environment: JSON.stringify(environment),
    }
    return main(event, context)
  }
}
