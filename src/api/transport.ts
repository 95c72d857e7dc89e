import Taro from '@tarojs/taro'
import { messageFor, type Envelope } from '@core/errors'
import { getDevOpenid } from './identity'

/** A refusal or failure a page can show: the envelope's code and its Chinese message. */
export class ApiError extends Error {
  readonly code: string
  readonly details?: unknown
  constructor(code: string, message?: string, details?: unknown) {
    super(message || messageFor(code))
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
}

export interface CallOptions {
  /**
   * No toast: `true` for every failure, or a list of codes the caller shows in the page instead
   * (the home page shows AUTH.UNAUTHENTICATED as "您还没有加入社区", and still toasts a network failure).
   */
  silent?: boolean | readonly string[]
}

const networkFailure = (): Envelope<never> => ({ ok: false, code: 'NETWORK.FAILED', message: messageFor('NETWORK.FAILED') })

/** Mini-program: the platform's cloud call; WeChat supplies the caller's identity. */
async function sendCloud(name: string, data: Record<string, unknown>): Promise<Envelope<unknown>> {
  try {
    const { result } = await Taro.cloud.callFunction({ name, data })
    return asEnvelope(result)
  } catch {
    return networkFailure()
  }
}

/** h5 (the local gateway): POST /api/<name> on the same origin; the demo identity rides in header x-wx-openid. */
async function sendHttp(name: string, data: Record<string, unknown>): Promise<Envelope<unknown>> {
  const openid = getDevOpenid()
  try {
    const res = await Taro.request<unknown>({
      url: `/api/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    })
    return res.statusCode === 200 ? asEnvelope(res.data) : networkFailure()
  } catch {
    return networkFailure()
  }
}

/** Sends `{ action, ...input }` to cloud function `name` and answers its envelope (never throws). The bundler keeps one. */
const send = process.env.TARO_ENV === 'weapp' ? sendCloud : sendHttp

/** Whatever came back, as an envelope: anything that is not one is a server defect (INTERNAL). */
function asEnvelope(value: unknown): Envelope<unknown> {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    const v = value as { ok: unknown; data?: unknown; code?: unknown; message?: unknown; details?: unknown }
    if (v.ok === true) return { ok: true, data: v.data }
    if (v.ok === false) {
      const code = typeof v.code === 'string' ? v.code : 'INTERNAL'
      const message = typeof v.message === 'string' && v.message !== '' ? v.message : messageFor(code)
      return { ok: false, code, message, details: v.details }
    }
  }
  return { ok: false, code: 'INTERNAL', message: messageFor('INTERNAL') }
}

function shouldToast(code: string, silent: CallOptions['silent']): boolean {
  if (silent === true) return false
  if (Array.isArray(silent)) return !silent.includes(code)
  return true
}

/**
 * Calls `name.action` with `input`; answers `data` or throws an ApiError (after a Chinese toast unless silenced).
 * The only place in the app that knows how to reach the backend.
 */
export async function call<T>(name: string, action: string, input: object = {}, options: CallOptions = {}): Promise<T> {
  const envelope = await send(name, { ...input, action })
  if (envelope.ok) return envelope.data as T
  const error = new ApiError(envelope.code, envelope.message, envelope.details)
  if (shouldToast(error.code, options.silent)) {
    void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 })
  }
  throw error
}
