/**
 * The one module that reaches WeChat (云调用): text and photo content checks and subscribe messages, through
 * wx-server-sdk's `cloud.openapi`, as WeChat documents them. A function that uses it declares the APIs in its
 * config.json (`permissions.openapi`); the platform refuses an undeclared one.
 * In CloudBase the SDK binds to the function's own environment; locally it is pointed at the local cloud, which
 * answers the same protocol (local-cloud/wechat.ts).
 */
import { SCENES, type Scene, TEXT_CHECK_TIMEOUT_MS } from '../../src/core/screening'

type WxCloud = typeof import('wx-server-sdk')
let wx: WxCloud | undefined

function cloud(): WxCloud {
  if (!wx) {
    // Loaded on first use: a call that never needs WeChat never pays for loading the SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as WxCloud
    const local = process.env.LOCAL_CLOUD_URL
    // wx-server-sdk hands its config to @cloudbase/node-sdk, so serviceUrl and the (dummy) keys reach the local cloud.
    sdk.init(
      (local
        ? { env: 'local', serviceUrl: `${local}/admin`, secretId: 'local', secretKey: 'local', timeout: 10_000 }
        : { env: sdk.DYNAMIC_CURRENT_ENV, timeout: 10_000 }) as unknown as Parameters<WxCloud['init']>[0],
    )
    wx = sdk
  }
  return wx
}

/** WeChat's error code of a failed call (wx-server-sdk throws `{ errCode, errMsg }`), or undefined. */
export function wxErrorCode(e: unknown): number | undefined {
  const code = (e as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : undefined
}

const TIMED_OUT = Symbol('timed out')

/** The work, or TIMED_OUT after `ms` (the work goes on in the background; its failure is ignored). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms)
  })
  work.catch(() => undefined)
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Locally, the benchmark's baseline turns screening off (`POST /_emulator/wechat { screening: false }`). There is no
 * such switch in the cloud: the variable is read only when running in the local cloud.
 */
export function screeningEnabled(): boolean {
  return !(process.env.LOCAL_CLOUD_URL && process.env.LOCAL_CONTENT_SCREENING === 'off')
}

export type TextVerdict =
  | { verdict: 'pass' }
  /** The first risky field, by the order given. */
  | { verdict: 'risky'; field: string }
  /** Let through: `unchecked` when the platform failed or took longer than 2 s, `review` when it asks for a person. */
  | { verdict: 'unchecked' | 'review'; fields: string[] }

/**
 * Checks each text with `security.msgSecCheck` (v2, as `openid`, who must have used the mini-program lately), all at
 * once: one round trip for the lot, never longer than 2 s. Never throws: an outage lets the text through, marked.
 */
export async function checkText(openid: string, scene: Scene, texts: Record<string, string | undefined>): Promise<TextVerdict> {
  const fields = Object.entries(texts).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
  if (fields.length === 0 || !screeningEnabled()) return { verdict: 'pass' }
  const results = await within(
    Promise.all(
      fields.map(async ([field, content]) => {
        try {
          const answer = (await cloud().openapi.security.msgSecCheck({ openid, scene: SCENES[scene], version: 2, content })) as { result?: { suggest?: string } }
          const suggest = answer.result?.suggest
          return { field, suggest: suggest === 'risky' || suggest === 'review' || suggest === 'pass' ? suggest : 'unchecked' }
        } catch (e) {
          console.warn('[wechat] 文字内容检查失败，先放行并标记：', (e as Error)?.message ?? e)
          return { field, suggest: 'unchecked' }
        }
      }),
    ),
    TEXT_CHECK_TIMEOUT_MS,
  )
  if (results === TIMED_OUT) {
    console.warn('[wechat] 文字内容检查超过 2 秒，先放行并标记')
    return { verdict: 'unchecked', fields: fields.map(([f]) => f) }
  }
  const risky = results.find((r) => r.suggest === 'risky')
  if (risky) return { verdict: 'risky', field: risky.field }
  const unchecked = results.filter((r) => r.suggest === 'unchecked').map((r) => r.field)
  if (unchecked.length) return { verdict: 'unchecked', fields: unchecked }
  const review = results.filter((r) => r.suggest === 'review').map((r) => r.field)
  if (review.length) return { verdict: 'review', fields: review }
  return { verdict: 'pass' }
}

/**
 * Starts `security.mediaCheckAsync` (v2) for each image URL, all at once, within 2 s; the results come later as
 * `wxa_media_check` pushes (see jobs). Answers each URL's trace id, or null where the check could not be started.
 */
export async function checkMedia(openid: string, scene: Scene, urls: readonly (string | null)[]): Promise<(string | null)[]> {
  const started = await within(
    Promise.all(
      urls.map(async (mediaUrl) => {
        if (!mediaUrl) return null
        try {
          const answer = (await cloud().openapi.security.mediaCheckAsync({ openid, scene: SCENES[scene], version: 2, mediaType: 2, mediaUrl })) as { traceId?: string }
          return typeof answer.traceId === 'string' && answer.traceId ? answer.traceId : null
        } catch (e) {
          console.warn('[wechat] 照片内容检查没有发出，先放行并标记：', (e as Error)?.message ?? e)
          return null
        }
      }),
    ),
    TEXT_CHECK_TIMEOUT_MS,
  )
  return started === TIMED_OUT ? urls.map(() => null) : started
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/**
 * Sends one subscribe message (`subscribeMessage.send`); throws the SDK's error (see wxErrorCode). It too waits at
 * most 2 s: a slow platform must not hold up the write that notifies (the outbox sends it again later).
 */
export async function sendSubscribe(message: SubscribeMessage): Promise<void> {
  // Which version of the app the message opens: formal (the released one) unless SUBSCRIBE_MINIPROGRAM_STATE says trial or developer.
  const state = process.env.SUBSCRIBE_MINIPROGRAM_STATE
  const miniprogramState = state === 'trial' || state === 'developer' ? state : 'formal'
  // The SDK turns camelCase into the API's snake_case (template_id, miniprogram_state); data keys have no capitals.
  const sent = await within(cloud().openapi.subscribeMessage.send({ ...message, miniprogramState, lang: 'zh_CN' }) as Promise<unknown>, TEXT_CHECK_TIMEOUT_MS)
  if (sent === TIMED_OUT) throw new Error('订阅消息 2 秒内没有答复，稍后再发')
}
