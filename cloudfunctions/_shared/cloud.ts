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
