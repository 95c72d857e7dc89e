/**
 * The one way functions reach the database and storage: `@cloudbase/node-sdk`.
 * In CloudBase it binds to the function's own environment; locally (LOCAL_CLOUD_URL set by the local
 * cloud) it talks to the emulator, which the SDK cannot tell from the cloud.
 */
import tcb from '@cloudbase/node-sdk'
import { DomainError } from '../../src/core/errors'

type App = ReturnType<typeof tcb.init>
let app: App | undefined

export function cloudApp(): App {
  if (!app) {
    const local = process.env.LOCAL_CLOUD_URL
    app = local
      ? tcb.init({ env: 'local', serviceUrl: `${local}/admin`, secretId: 'local', secretKey: 'local', timeout: 15_000 })
      : tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  }
  return app
}

export type Db = ReturnType<App['database']>

export function database(): Db {
  return cloudApp().database()
}

/** The most one read may ask for. */
export const READ_LIMIT = 1000

/** Every document matching `where` (in `order`, when given), a thousand at a time. */
export async function readAll<T>(db: Db, collection: string, where: Record<string, unknown>, order?: [string, 'asc' | 'desc']): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += READ_LIMIT) {
    let query = db.collection(collection).where(where)
    if (order) query = query.orderBy(order[0], order[1])
    const page = (await query.skip(offset).limit(READ_LIMIT).get()).data as T[]
    out.push(...page)
    if (page.length < READ_LIMIT) return out
  }
}

/** The caller's WeChat openid, from the platform's context; never from the event. */
export function callerOpenid(context: unknown): string | null {
  const env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as { WX_OPENID?: string }
  const openid = env.WX_OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : null
}

export type Transaction = import('@cloudbase/database/dist/commonjs/transaction/index').Transaction

/**
 * Runs `work` in a CloudBase transaction. Inside, use only `tx.collection(c).doc(id)` operations: the
 * cloud allows nothing else there (and the SDK silently runs a `where()` update outside it).
 * A conflict (another transaction changed or holds a document this one wrote) is retried after a random pause
 * that doubles each time up to two seconds — a crowd after the last few of an offer spreads out instead of
 * retrying in step — for up to `budgetMs` in all (the function's timeout is 20 s). A conflict that outlasts it
 * is answered as SYSTEM.BUSY ("try again in a moment"), never as a crash.
 */
export async function transaction<T>(db: Db, work: (tx: Transaction) => Promise<T>, budgetMs = 15_000): Promise<T> {
  const deadline = Date.now() + budgetMs
  for (let attempt = 1; ; attempt++) {
    try {
      // One try per call (the SDK's own immediate retries only add to the crowd); the pauses are here.
      return (await db.runTransaction(work, 1)) as T
    } catch (e) {
      if ((e as { code?: string })?.code !== 'DATABASE_TRANSACTION_CONFLICT') throw e
      const pause = Math.random() * Math.min(2000, 16 * 2 ** attempt)
      if (Date.now() + pause >= deadline) throw new DomainError('SYSTEM.BUSY')
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}
