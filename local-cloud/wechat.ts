/**
 * WeChat's cloud calls (云调用) as the local cloud answers them, on the wire exactly as wx-server-sdk 4.0.2 speaks:
 * `cloud.openapi.<ns>.<api>(data)` goes through @cloudbase/node-sdk's `callCompatibleWxOpenApi`, a multipart POST to
 * the service URL with `action: wx.openApi`, `apiName` (e.g. `security.msgSecCheck`), `cgiName` (`commrpcv2` with
 * `cloud.openapi({ version: 'v2' })`) and `requestData`: a protobuf `CommApiData` whose pairs hold each parameter
 * (snake_case) as JSON. The answer is a protobuf `CommOpenApiResp` whose `respData` is WeChat's JSON (an `errcode`
 * there becomes the SDK's error); a platform failure is `{ code, message }` as JSON.
 *
 * The APIs the functions use, emulated:
 * - `security.msgSecCheck` (v2): risky when the text contains 【违规测试】 or a line of `$DATA_DIR/sensitive-words.txt`;
 *   【复核测试】 makes it `review`;
 * - `security.mediaCheckAsync` (v2): answers a trace id, then a moment later pushes the result to the function that
 *   receives WeChat's message pushes (`jobs`, see docs/subscribe-messages.md), as CloudBase does: risky when the
 *   file's name contains 【违规测试】;
 * - `subscribeMessage.send`: records the delivery (`GET /_emulator/deliveries`) instead of reaching a phone.
 * `POST /_emulator/wechat` makes the platform slow or unreachable, so that the functions' fallbacks can be tested.
 */
import Busboy from 'busboy'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { MESSAGE_KINDS, templateEnv } from '../src/core/notifications'
import type { Functions } from './functions'
import { sendJson } from './respond'
import type { Storage } from './storage'
import type { Deliveries } from './wx'

/** The marker that the emulated checks call risky (DESIGN.md: content screening), and one that asks for a human look. */
export const RISKY_MARKER = '【违规测试】'
export const REVIEW_MARKER = '【复核测试】'
/** The function configured (云开发 → 设置 → 消息推送) to receive `wxa_media_check` events. */
export const MEDIA_CHECK_RECEIVER = 'jobs'

// The protobuf runtime wx-server-sdk itself uses (its own dependency), with the messages of its src/protobuf/openapi.js.
const protobuf = createRequire(require.resolve('wx-server-sdk'))('protobufjs/light') as typeof import('protobufjs/light')
const messages = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 }, contenttype: { type: 'string', id: 3 }, filename: { type: 'string', id: 4 } },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: { fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } } },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
})
const CommApiData = messages.lookupType('CommApiData')
const CommOpenApiResp = messages.lookupType('CommOpenApiResp')

/** How the stand-in behaves; tests change it through `POST /_emulator/wechat`. */
export interface WeChatControl {
  /** Every answer waits this long (a slow platform). */
  delayMs: number
  /** The platform cannot be reached: the connection is dropped. */
  down: boolean
  /** How long after answering mediaCheckAsync the result is pushed; 0: pushed before the answer (the earliest it could come). */
  mediaResultDelayMs: number
  /** Off: the functions skip screening (local only; the benchmark's baseline). */
  screening: boolean
}

type Params = Record<string, unknown>
type WxAnswer = Record<string, unknown>

const traceId = () => [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-')
const wxError = (errcode: number, errmsg: string): WxAnswer => ({ errcode, errmsg })
const isOpenid = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 128
const validScene = (v: unknown) => v === 1 || v === 2 || v === 3 || v === 4

function decodeName(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export class WeChat {
  readonly control: WeChatControl = { delayMs: 0, down: false, mediaResultDelayMs: 200, screening: true }
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly calls: Record<string, number> = {}
  private pushes = 0
  private words: { mtimeMs: number; list: string[] } = { mtimeMs: -1, list: [] }

  constructor(
    private readonly services: { deliveries: Deliveries; storage: Storage; functions: Functions; dataDir: string; baseUrl: () => string },
  ) {
    // Locally every message has a template: a placeholder id unless the environment names one (an empty value
    // means "not configured", which the outbox records as skipped).
    for (const kind of MESSAGE_KINDS) process.env[templateEnv(kind)] ??= `local-${kind}`
    this.control.screening = process.env.LOCAL_CONTENT_SCREENING !== 'off'
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  /** GET answers the state; POST `{ delayMs?, down?, mediaResultDelayMs?, screening? }` changes it. */
  async controlRoute(res: http.ServerResponse, method: string, readJson: () => Promise<unknown>): Promise<void> {
    if (method === 'POST') {
      let body: Partial<WeChatControl> | undefined
      try {
        body = (await readJson()) as Partial<WeChatControl> | undefined
      } catch {
        body = undefined
      }
      const next = { ...this.control, ...(body && typeof body === 'object' ? body : {}) }
      const ok =
        Number.isSafeInteger(next.delayMs) && next.delayMs >= 0 && next.delayMs <= 60_000 &&
        Number.isSafeInteger(next.mediaResultDelayMs) && next.mediaResultDelayMs >= 0 && next.mediaResultDelayMs <= 60_000 &&
        typeof next.down === 'boolean' && typeof next.screening === 'boolean'
      if (!ok) return sendJson(res, 400, { ok: false, code: 'INPUT.INVALID', message: 'delayMs、mediaResultDelayMs 是 0–60000 的整数毫秒，down、screening 是 true 或 false' })
      Object.assign(this.control, { delayMs: next.delayMs, down: next.down, mediaResultDelayMs: next.mediaResultDelayMs, screening: next.screening })
      // The functions run in this process: they read the switch from the environment, as they read the clock's offset.
      if (this.control.screening) delete process.env.LOCAL_CONTENT_SCREENING
      else process.env.LOCAL_CONTENT_SCREENING = 'off'
    } else if (method !== 'GET') {
      return sendJson(res, 405, { ok: false, code: 'INPUT.INVALID', message: '只支持 GET 和 POST' })
    }
    sendJson(res, 200, { ...this.control, calls: this.calls, pushes: this.pushes })
  }

  /** `POST /admin` with a multipart body: the SDK's `wx.openApi`. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, stats: Record<string, number>): void {
    const fields: Record<string, string> = {}
    const files: Record<string, Buffer> = {}
    let busboy: Busboy.Busboy
    try {
      busboy = Busboy({ headers: req.headers, limits: { fileSize: 4 * 1024 * 1024, files: 4, fields: 20 } })
    } catch {
      return platformError(res, 'INVALID_PARAM', '请求体不是合法的表单（multipart/form-data）')
    }
    busboy.on('field', (name, value) => (fields[name] = value))
    // form-data sends a Buffer as an application/octet-stream part, which busboy reads as a file.
    busboy.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('close', () => (files[name] = Buffer.concat(chunks)))
    })
    let broken = false
    busboy.on('error', () => {
      broken = true
      platformError(res, 'INVALID_PARAM', '表单不完整')
    })
    busboy.on('close', () => {
      if (broken) return
      stats[fields.action ?? 'wx.openApi'] = (stats[fields.action ?? 'wx.openApi'] ?? 0) + 1
      void this.answer(fields, files, req, res).catch((e) => {
        console.error('[local-cloud] 微信接口处理失败：', e)
        if (!res.headersSent) platformError(res, 'SYS_ERR', `本地云内部错误：${(e as Error).message}`)
      })
    })
    req.pipe(busboy)
  }

  private async answer(fields: Record<string, string>, files: Record<string, Buffer>, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.control.delayMs > 0) await this.sleep(this.control.delayMs)
    if (this.control.down) {
      // Unreachable: no answer at all.
      req.socket.destroy()
      return
    }
    if (fields.action !== 'wx.openApi') return platformError(res, 'INVALID_ACTION', `本地云不支持这个操作：${fields.action ?? ''}`)
    const apiName = fields.apiName ?? ''
    this.calls[apiName] = (this.calls[apiName] ?? 0) + 1
    const raw = files.requestData ?? (fields.requestData !== undefined ? Buffer.from(fields.requestData) : undefined)
    if (!raw) return platformError(res, 'INVALID_PARAM', '缺少 requestData')
    let params: Params
    try {
      params = decodeParams(raw)
    } catch (e) {
      return platformError(res, 'INVALID_PARAM', `requestData 不是合法的 CommApiData：${(e as Error).message}`)
    }
    const api = this.apis[apiName]
    if (!api) return platformError(res, 'INVALID_ACTION', `本地云不支持这个微信接口：${apiName}`)
    const body = Buffer.from(JSON.stringify(await api(params)))
    const answer = CommOpenApiResp.encode(CommOpenApiResp.create({ respData: body, contentType: 'application/json; charset=utf-8', httpCode: 200 })).finish()
    // Not application/json: the SDK would take a JSON answer for a platform error.
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length })
    res.end(Buffer.from(answer))
  }

  private readonly apis: Record<string, (p: Params) => WxAnswer | Promise<WxAnswer>> = {
    'security.msgSecCheck': (p) => {
      if (p.version !== 2) return wxError(47001, 'data format error: 本地云只模拟 version 2')
      if (!isOpenid(p.openid)) return wxError(40003, 'invalid openid')
      if (!validScene(p.scene)) return wxError(47001, 'data format error: scene 应为 1–4')
      if (typeof p.content !== 'string' || p.content.length === 0 || p.content.length > 2500) return wxError(47001, 'data format error: content')
      const verdict = this.judgeText(p.content)
      const id = traceId()
      return {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: verdict.suggest, label: verdict.label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.suggest === 'pass' ? 0 : 90 },
          { strategy: 'keyword', errcode: 0, suggest: verdict.keyword ? 'risky' : 'pass', label: verdict.keyword ? verdict.label : 100, level: verdict.keyword ? 90 : 0, ...(verdict.keyword ? { keyword: verdict.keyword } : {}) },
        ],
        trace_id: id,
      }
    },

    'security.mediaCheckAsync': async (p) => {
      if (p.version !== 2) return wxError(47001, 'data format error: 本地云只模拟 version 2')
      if (!isOpenid(p.openid)) return wxError(40003, 'invalid openid')
      if (!validScene(p.scene)) return wxError(47001, 'data format error: scene 应为 1–4')
      if (p.media_type !== 1 && p.media_type !== 2) return wxError(47001, 'data format error: media_type')
      if (typeof p.media_url !== 'string' || !/^https?:\/\//.test(p.media_url)) return wxError(47001, 'data format error: media_url')
      const id = traceId()
      const name = this.nameOf(p.media_url)
      const suggest = name.includes(RISKY_MARKER) ? 'risky' : name.includes(REVIEW_MARKER) ? 'review' : 'pass'
      const label = suggest === 'pass' ? 100 : 20002
      const event = {
        ToUserName: 'gh_local',
        FromUserName: p.openid,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: 'local',
        trace_id: id,
        version: 2,
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
      }
      if (this.control.mediaResultDelayMs === 0) {
        await this.push(event)
      } else {
        const timer = setTimeout(() => {
          this.timers.delete(timer)
          void this.push(event)
        }, this.control.mediaResultDelayMs)
        timer.unref()
        this.timers.add(timer)
      }
      return { errcode: 0, errmsg: 'ok', trace_id: id }
    },

    'subscribeMessage.send': (p) => {
      if (!isOpenid(p.touser)) return wxError(40003, 'invalid openid')
      if (typeof p.template_id !== 'string' || !p.template_id) return wxError(40037, 'invalid template_id')
      if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data)) return wxError(47003, 'argument invalid! data')
      for (const [key, v] of Object.entries(p.data as Record<string, unknown>)) {
        const value = (v as { value?: unknown } | null)?.value
        if (typeof value !== 'string' || value.length === 0) return wxError(47003, `argument invalid! data.${key}.value is empty`)
      }
      if (p.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(p.miniprogram_state as string)) return wxError(47003, 'argument invalid! miniprogram_state')
      this.services.deliveries.record(p)
      return { errcode: 0, errmsg: 'ok', msgid: Number.parseInt(randomBytes(4).toString('hex'), 16) }
    },
  }

  /** The platform's verdict on a text: the marker, or a word of `$DATA_DIR/sensitive-words.txt` (one per line, # for notes). */
  private judgeText(text: string): { suggest: 'pass' | 'risky' | 'review'; label: number; keyword?: string } {
    if (text.includes(RISKY_MARKER)) return { suggest: 'risky', label: 21000, keyword: RISKY_MARKER }
    const word = this.sensitiveWords().find((w) => text.includes(w))
    if (word) return { suggest: 'risky', label: 20006, keyword: word }
    if (text.includes(REVIEW_MARKER)) return { suggest: 'review', label: 21000 }
    return { suggest: 'pass', label: 100 }
  }

  private sensitiveWords(): string[] {
    const file = path.join(this.services.dataDir, 'sensitive-words.txt')
    let mtimeMs: number
    try {
      mtimeMs = fs.statSync(file).mtimeMs
    } catch {
      return []
    }
    if (mtimeMs !== this.words.mtimeMs) {
      const list = fs
        .readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
      this.words = { mtimeMs, list }
    }
    return this.words.list
  }

  /** The file name behind a media URL: a temp link of this cloud's storage names its cloud path; any other URL its path. */
  private nameOf(url: string): string {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return decodeName(url)
    }
    const prefix = '/_storage/files/'
    if (url.startsWith(this.services.baseUrl()) && parsed.pathname.startsWith(prefix)) {
      const found = this.services.storage.resolveDownload(decodeName(parsed.pathname.slice(prefix.length)))
      if ('file' in found) return decodeName(found.file.cloudPath)
    }
    return decodeName(parsed.pathname)
  }

  /** Delivers a `wxa_media_check` event to the receiving function, as CloudBase's message push does; never throws. */
  private async push(event: Record<string, unknown>): Promise<void> {
    this.pushes++
    try {
      if (!this.services.functions.has(MEDIA_CHECK_RECEIVER)) return
      const answer = (await this.services.functions.invoke(MEDIA_CHECK_RECEIVER, event, null)) as { ok?: boolean; message?: string } | null
      if (answer && answer.ok === false) console.error(`[local-cloud] 推送内容检查结果时 ${MEDIA_CHECK_RECEIVER} 答复失败：`, answer.message)
    } catch (e) {
      console.error(`[local-cloud] 推送内容检查结果失败：`, e)
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}

/** The parameters of one call: each pair of the CommApiData, its JSON value parsed. */
function decodeParams(raw: Buffer): Params {
  const decoded = CommApiData.decode(raw) as unknown as {
    apiType: number
    openapiData?: { pairs?: { key: string; value: Uint8Array; contenttype?: string }[] } | null
  }
  if (decoded.apiType !== 0) throw new Error(`本地云只支持 OPEN_API（apiType 0），收到 ${decoded.apiType}`)
  const params: Params = {}
  for (const pair of decoded.openapiData?.pairs ?? []) {
    // A media part (a file sent in the call) carries its own content type and stays bytes.
    if (pair.contenttype) params[pair.key] = Buffer.from(pair.value)
    else params[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'))
  }
  return params
}

/** A platform (not WeChat) failure: JSON with code and message, which the SDK surfaces as the call's error. */
function platformError(res: http.ServerResponse, code: string, message: string): void {
  if (res.headersSent) return
  sendJson(res, 200, { code, message, requestId: randomBytes(8).toString('hex') })
}
