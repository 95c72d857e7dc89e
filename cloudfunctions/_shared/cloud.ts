/**
 * The one way functions reach the database and storage: `@cloudbase/node-sdk`.
 * In CloudBase it binds to the function's own environment; locally (LOCAL_CLOUD_URL set by the local
 * cloud) it talks to the emulator, which the SDK cannot tell from the cloud.
 */
import tcb from '@cloudbase/node-sdk'

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
 * The SDK retries a conflict three times at once; under contention that is not enough, so a conflict
 * that survives them is retried here a few more times after a short random pause.
 */
export async function transaction<T>(db: Db, work: (tx: Transaction) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(work)) as T
    } catch (e) {
      if ((e as { code?: string })?.code !== 'DATABASE_TRANSACTION_CONFLICT' || attempt >= attempts) throw e
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}
