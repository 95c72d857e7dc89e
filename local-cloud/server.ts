/**
 * The local cloud: one HTTP server on loopback that is, at once,
 * - the CloudBase API the real `@cloudbase/node-sdk` talks to (`POST /admin`),
 * - the storage endpoints its signed URLs point at (`/_storage/...`),
 * - the function gateway the h5 app calls (`POST /api/<fn>`, caller in `x-wx-openid`), and evidence upload (`POST /upload`),
 * - `/healthz`, `/_emulator/stats`, and the h5 build as static files.
 *
 * It is reachable by any web page the developer opens, so it defends itself like a server on the internet would:
 * - only same-origin requests on loopback: the Host must name loopback with this port (a DNS-rebound name does not),
 *   a foreign Origin is refused, and each POST must have its route's content type — the types a page can send without
 *   a CORS preflight (text/plain, forms) run nothing;
 * - limits with clear answers: a body cap per route checked on Content-Length before a byte is read, a budget for the
 *   bodies held at once, header and request timeouts, a connection cap, and a daily upload quota per person.
 */
import Busboy from 'busboy'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { ERROR_MESSAGES, type ErrorCode } from '../src/core/errors'
import { detectImageKind, MAX_PHOTO_BYTES } from '../src/core/image'
import { inZone } from '../src/core/period'
import { Store } from './database'
import { Functions } from './functions'
import { handleAction } from './protocol'
import { MAX_UPLOAD_BYTES, Storage, checkCloudPath } from './storage'
import { WeChat } from './wechat'

export const LOCAL_ENV = 'local'
const MB = 1024 * 1024
const MAX_ADMIN_BODY = 16 * MB
const MAX_API_BODY = 6 * MB
/** An evidence upload: the photo and its form fields. */
const MAX_UPLOAD_BODY = MAX_PHOTO_BYTES + 64 * 1024
/** wx-server-sdk's cloud calls: a text to screen, a photo's URL, a message — a few KB. */
const MAX_WX_BODY = 1 * MB
/** The emulator's own switches (`/_emulator/clock`, `/_emulator/wechat`). */
const MAX_CONTROL_BODY = 4096

/** A number from the environment (tests make the limits small), or the default; anything else stops the start. */
function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`环境变量 ${name} 不合法：${raw}（应是不小于 ${min} 的数）`)
  return value
}

/** The limits, from the environment at start (README: “本地云的限制”). */
function limitsFromEnv() {
  return {
    /** Headers, and then the whole request, must arrive within this; a connection that dawdles is closed (HTTP 408). */
    requestTimeoutMs: envNumber('LOCAL_CLOUD_REQUEST_TIMEOUT_MS', 30_000, 100),
    /**
     * Open connections at once; past it a new one is closed at once. The in-process functions' own SDK connections count
     * too (up to ~100 on a keep-alive agent), so a burst of 200 callers needs room for about 300.
     */
    maxConnections: envNumber('LOCAL_CLOUD_MAX_CONNECTIONS', 512, 1),
    /** Request bodies held in memory at once, all routes together. */
    bodyBudgetBytes: envNumber('LOCAL_CLOUD_BODY_BUDGET_MB', 64, 0.001) * MB,
    /** Evidence uploads per person per day (Asia/Shanghai). */
    uploadFilesPerDay: envNumber('LOCAL_UPLOAD_QUOTA_FILES', 200, 0),
    uploadBytesPerDay: envNumber('LOCAL_UPLOAD_QUOTA_MB', 500, 0) * MB,
  }
}

export interface LocalCloudOptions {
  port?: number
  dataDir: string
  /** Folder of the cloud functions' sources (default: the repo's cloudfunctions/). */
  functionsDir?: string
  /** Folder of the h5 build to serve (default: the repo's dist-h5/). */
  h5Dir?: string
  /** Collections and their indexes to create at start. */
  collections?: Record<string, { indexes: readonly string[] }>
  /** Runs once, after the server listens, when the data folder was empty. */
  seed?: (url: string) => Promise<void>
}

export interface LocalCloud {
  url: string
  port: number
  store: Store
  storage: Storage
  functions: Functions
  fresh: boolean
  close(): Promise<void>
}

/** Why a body is not taken: over its route's cap, or the server holds as much as its budget allows. */
class BodyRefused extends Error {
  constructor(readonly why: 'tooLarge' | 'busy') {
    super(why)
  }
}

/**
 * Past this the server stops reading and drops the connection; below it the rest of a refused body is read and
 * discarded (never held), so the client gets the answer instead of a broken pipe.
 */
const DISCARD_LIMIT = 128 * MB

/**
 * The bodies held in memory at once have a budget: a body's declared length is taken from it before a byte is read,
 * a body of unknown length (chunked) takes as it arrives, and all of it is given back once the answer has gone. So
 * twenty 15 MB bodies cannot all be held: past the budget the answer is "busy", at once.
 */
class BodyBudget {
  private held = 0
  constructor(private readonly max: number) {}
  take(n: number): boolean {
    if (this.held + n > this.max) return false
    this.held += n
    return true
  }
  give(n: number): void {
    this.held = Math.max(0, this.held - n)
  }
}

/** A request's share of the budget: refused up front (by Content-Length), or grown as the body arrives; given back once. */
interface Allowance {
  refused: BodyRefused | null
  /** Counts `n` more bytes arrived; false (and `refused` set) when they pass the cap or the budget. */
  grow(n: number): boolean
  release(): void
}

function allow(budget: BodyBudget, req: http.IncomingMessage, res: http.ServerResponse, limit: number): Allowance {
  const header = req.headers['content-length']
  const declared = header === undefined ? NaN : Number(header)
  let held = 0
  let seen = 0
  const allowance: Allowance = {
    refused: null,
    grow(n) {
      if (allowance.refused) return false
      seen += n
      if (seen > limit) allowance.refused = new BodyRefused('tooLarge')
      else if (seen > held) {
        if (budget.take(seen - held)) held = seen
        else allowance.refused = new BodyRefused('busy')
      }
      return !allowance.refused
    },
    release() {
      budget.give(held)
      held = 0
    },
  }
  if (declared > limit) allowance.refused = new BodyRefused('tooLarge')
  else if (declared > 0) {
    if (budget.take(declared)) held = declared
    else allowance.refused = new BodyRefused('busy')
  }
  res.once('close', () => allowance.release())
  return allowance
}

/**
 * Reads a body within its allowance. A refusal rejects at once — by Content-Length before anything is read, or as
 * soon as the body passes the cap or the budget — and the rest is read and discarded (up to DISCARD_LIMIT).
 */
function readBody(req: http.IncomingMessage, allowance: Allowance): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (allowance.refused) return reject(allowance.refused)
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (settled) {
        if (size > DISCARD_LIMIT) req.destroy()
        return
      }
      if (allowance.grow(chunk.length)) return void chunks.push(chunk)
      settled = true
      chunks.length = 0
      reject(allowance.refused)
    })
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks))
      settled = true
    })
    req.on('error', (e) => {
      if (!settled) reject(e)
      settled = true
    })
  })
}

/** The media type of a request's body, without parameters: `application/json; charset=utf-8` → `application/json`. */
const mediaType = (req: http.IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  })
  res.end(text)
}

const failure = (code: ErrorCode, message: string = ERROR_MESSAGES[code], details?: unknown) => ({
  ok: false,
  code,
  message,
  ...(details === undefined ? {} : { details }),
})

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

function loadSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key')
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const root = path.resolve(__dirname, '..')
  const dataDir = path.resolve(options.dataDir)
  fs.mkdirSync(dataDir, { recursive: true })
  let baseUrl = ''
  const store = new Store(path.join(dataDir, 'cloud.sqlite'))
  // Seeded is recorded only once the seed has finished, so an interrupted first start seeds again.
  const fresh = store.getMeta('seeded') === undefined
  const storage = new Storage(store.sqlite, dataDir, LOCAL_ENV, loadSecret(dataDir), () => baseUrl)
  for (const [name, spec] of Object.entries(options.collections ?? {})) store.ensureCollection(name, spec.indexes)

  // The functions reach this server through the real SDK, like any other client.
  process.env.TENCENTCLOUD = 'true'
  // The redemption-code key is configuration: in CloudBase a function environment variable; here made once per data folder.
  if (!process.env.VOUCHER_CODE_KEY) {
    const file = path.join(dataDir, 'voucher-code.key')
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
    process.env.VOUCHER_CODE_KEY = fs.readFileSync(file, 'utf8').trim()
  }
  const functions = Functions.load(options.functionsDir ?? path.join(root, 'cloudfunctions'))
  const limits = limitsFromEnv()
  const budget = new BodyBudget(limits.bodyBudgetBytes)
  const h5Dir = options.h5Dir ?? path.join(root, 'dist-h5')
  const services = { store, storage, functions }
  // WeChat's cloud calls (wx-server-sdk's cloud.openapi): content checks and subscribe messages.
  const wechat = new WeChat({ store, storage, functions, dataDir, baseUrl: () => baseUrl })
  const stats: Record<string, number> = {}
  // How many requests each transaction took, start and commit included ("one transaction of N requests").
  const openTransactions = new Map<string, number>()
  const transactionSizes: number[] = []
  function countTransaction(action: unknown, body: { transactionId?: unknown }, answer: Record<string, unknown>) {
    const id = action === 'database.startTransaction' ? answer.transactionId : body.transactionId
    if (typeof id !== 'string') return
    const n = (openTransactions.get(id) ?? 0) + 1
    if (action === 'database.commitTransaction' || action === 'database.abortTransaction') {
      openTransactions.delete(id)
      if (action === 'database.commitTransaction' && !answer.code) transactionSizes.push(n)
      if (transactionSizes.length > 1000) transactionSizes.shift()
    } else {
      openTransactions.set(id, n)
    }
  }

  /** A refused body's answer closes the connection only when the rest is too big to read and discard. */
  const closeAfter = (req: http.IncomingMessage) => Number(req.headers['content-length']) > DISCARD_LIMIT

  async function admin(req: http.IncomingMessage, res: http.ServerResponse) {
    const type = mediaType(req)
    // The SDK's `wx.openApi` (cloud.openapi) is the one action sent as a form, with a protobuf inside. The SDK never
    // sends an Origin; a form from a page (even this server's own) is not the SDK.
    if (type === 'multipart/form-data') {
      if (req.headers.origin !== undefined) return sendJson(res, 403, failure('AUTH.FORBIDDEN', '微信云调用只接受服务端 SDK 的请求，网页不能直接调用'))
      const allowance = allow(budget, req, res, MAX_WX_BODY)
      if (allowance.refused) return sendJson(res, 200, adminRefusal(allowance.refused), closeAfter(req))
      // The SDK sends this form chunked (no Content-Length): it is metered as it arrives, and one that runs past its
      // cap or the budget is cut off.
      req.on('data', (chunk: Buffer) => {
        if (!allowance.grow(chunk.length)) req.destroy()
      })
      return wechat.serve(req, res, stats)
    }
    if (type !== 'application/json') return sendJson(res, 415, { code: 'INVALID_PARAM', message: '请求体须是 JSON（Content-Type: application/json）' })
    let body: unknown
    try {
      const raw = await readBody(req, allow(budget, req, res, MAX_ADMIN_BODY))
      body = JSON.parse(raw.toString('utf8'))
    } catch (e) {
      return sendJson(res, 200, e instanceof BodyRefused ? adminRefusal(e) : { code: 'INVALID_PARAM', message: '请求体不是合法的 JSON' }, closeAfter(req))
    }
    const action = (body as { action?: unknown })?.action
    if (typeof action === 'string') stats[action] = (stats[action] ?? 0) + 1
    const answer = await handleAction(body, services)
    countTransaction(action, (body ?? {}) as { transactionId?: unknown }, answer)
    sendJson(res, 200, answer)
  }

  /** CloudBase's words for a body it will not take (its codes, so the SDK throws a TcbError with them). */
  function adminRefusal(refused: BodyRefused) {
    return refused.why === 'tooLarge'
      ? { code: 'INVALID_PARAM', message: `请求体超过 ${MAX_ADMIN_BODY / MB} MB` }
      : { code: 'EXCEED_RATELIMIT', message: `本地云同时在接收的数据已达上限（${limits.bodyBudgetBytes / MB} MB），请稍后再试` }
  }

  async function api(name: string, req: http.IncomingMessage, res: http.ServerResponse) {
    if (mediaType(req) !== 'application/json') return sendJson(res, 200, failure('INPUT.INVALID', '请用 JSON 提交（Content-Type: application/json）'))
    let event: unknown
    const allowance = allow(budget, req, res, MAX_API_BODY)
    try {
      const raw = await readBody(req, allowance)
      event = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'))
    } catch (e) {
      const refused = e instanceof BodyRefused ? e.why : null
      const answer = refused === 'busy' ? failure('SYSTEM.BUSY') : failure('INPUT.INVALID', refused ? '提交的内容太大了' : '提交的内容不是合法的 JSON')
      return sendJson(res, 200, answer, closeAfter(req))
    }
    // Read and parsed: the function may run a while and call /admin itself, which needs the budget more than this does.
    allowance.release()
    if (!functions.has(name)) return sendJson(res, 200, failure('NOT_FOUND', `没有这个云函数：${name}`))
    const openid = req.headers['x-wx-openid']
    const caller = typeof openid === 'string' && openid.trim() ? { openid: openid.trim() } : null
    try {
      sendJson(res, 200, await functions.invoke(name, event, caller))
    } catch (e) {
      // The handler wrapper answers every refusal itself; reaching here is a defect in a function.
      console.error(`[local-cloud] 云函数 ${name} 崩溃：`, e)
      sendJson(res, 200, failure('INTERNAL'))
    }
  }

  /** What a person has uploaded today (Asia/Shanghai) into their evidence folder: the quota counts these. */
  const uploadedToday = (openid: string) => storage.uploadedSince(openid, `evidence/${openid}/`, inZone(Date.now()).startOf('day').toISOString())
  const overQuota = (used: { files: number; bytes: number }, adding: number) =>
    used.files + 1 > limits.uploadFilesPerDay || used.bytes + adding > limits.uploadBytesPerDay

  /**
   * Evidence upload. A refusal decided before the body is read is answered at once; the server then reads and
   * discards the rest, so the client (still sending) gets the answer rather than a broken pipe.
   */
  function upload(req: http.IncomingMessage, res: http.ServerResponse) {
    const openidHeader = req.headers['x-wx-openid']
    const openid = typeof openidHeader === 'string' ? openidHeader.trim() : ''
    const refuse = (code: ErrorCode, message?: string) => sendJson(res, 200, failure(code, message), closeAfter(req))
    if (!openid) return refuse('AUTH.UNAUTHENTICATED')
    if (mediaType(req) !== 'multipart/form-data') return refuse('INPUT.INVALID', '请用表单（multipart/form-data）上传，字段 cloudPath 和 file')
    const allowance = allow(budget, req, res, MAX_UPLOAD_BODY)
    if (allowance.refused) return refuse(allowance.refused.why === 'busy' ? 'SYSTEM.BUSY' : 'UPLOAD.TOO_LARGE')
    if (overQuota(uploadedToday(openid), Number(req.headers['content-length']) || 0)) return refuse('UPLOAD.QUOTA')
    let busboy: Busboy.Busboy
    try {
      // busboy reports 'limit' once a file reaches fileSize bytes; + 1 so that exactly MAX_PHOTO_BYTES is accepted.
      busboy = Busboy({ headers: req.headers, limits: { fileSize: MAX_PHOTO_BYTES + 1, files: 1, fields: 5, fieldSize: 4096 } })
    } catch {
      return refuse('INPUT.INVALID', '请用表单（multipart/form-data）上传，字段 cloudPath 和 file')
    }
    let cloudPath = ''
    let bytes: Buffer | null = null
    let tooLarge = false
    // A body without a Content-Length is metered as it arrives: past the cap or the budget it is answered and discarded.
    req.on('data', (chunk: Buffer) => {
      if (allowance.refused || allowance.grow(chunk.length)) return
      req.unpipe(busboy)
      req.resume()
      refuse(allowance.refused!.why === 'busy' ? 'SYSTEM.BUSY' : 'UPLOAD.TOO_LARGE')
    })
    busboy.on('field', (name, value) => {
      if (name === 'cloudPath') cloudPath = value
    })
    busboy.on('file', (_name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => {
        if (!tooLarge) chunks.push(c)
      })
      stream.on('limit', () => {
        tooLarge = true
        chunks.length = 0
      })
      stream.on('close', () => {
        bytes = Buffer.concat(chunks)
      })
    })
    busboy.on('error', () => {
      if (!res.headersSent) sendJson(res, 200, failure('INPUT.INVALID', '上传的内容不完整，请重试'), true)
    })
    busboy.on('close', () => {
      if (res.headersSent) return
      if (tooLarge) return sendJson(res, 200, failure('UPLOAD.TOO_LARGE'))
      if (!bytes || bytes.length === 0) return sendJson(res, 200, failure('INPUT.INVALID', '没有收到文件'))
      let normalized: string
      try {
        normalized = checkCloudPath(cloudPath)
      } catch {
        return sendJson(res, 200, failure('INPUT.INVALID', '缺少或不合法的 cloudPath'))
      }
      if (!normalized.startsWith(`evidence/${openid}/`)) return sendJson(res, 200, failure('UPLOAD.FORBIDDEN_PATH'))
      // By its bytes, now: a file that is not a photo never reaches storage (a claim checks again, for photos that
      // reach storage another way).
      if (!detectImageKind(bytes)) return sendJson(res, 200, failure('UPLOAD.NOT_IMAGE'))
      // The storage rule lets a client write only new files: evidence a claim already points at never changes under
      // it. The checks and the write run in one synchronous step, so two uploads to one path cannot both pass, and
      // two at once cannot both slip under the quota.
      if (storage.stat(normalized)) return sendJson(res, 200, failure('UPLOAD.EXISTS'))
      if (overQuota(uploadedToday(openid), bytes.length)) return sendJson(res, 200, failure('UPLOAD.QUOTA'))
      const file = storage.put(normalized, bytes, openid)
      sendJson(res, 200, { fileID: file.fileID })
    })
    req.pipe(busboy)
  }

  async function storagePut(token: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const ticket = storage.checkUploadTicket(token)
    const xmlError = (code: string, message: string) => {
      const text = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
      res.writeHead(200, { 'content-type': 'application/xml', connection: 'close' })
      res.end(text)
    }
    if ('error' in ticket) return xmlError('AccessDenied', ticket.error)
    let bytes: Buffer
    try {
      bytes = await readBody(req, allow(budget, req, res, MAX_UPLOAD_BYTES))
    } catch (e) {
      if (e instanceof BodyRefused && e.why === 'busy') return xmlError('SlowDown', '本地云同时在接收的数据已达上限，请稍后再试')
      return xmlError('EntityTooLarge', `文件超过 ${MAX_UPLOAD_BYTES / MB} MB`)
    }
    storage.put(ticket.cloudPath, bytes, null)
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }

  function storageGet(token: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const found = storage.resolveDownload(token)
    if ('error' in found) {
      res.writeHead(found.status, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end(found.error)
    }
    res.writeHead(200, {
      'content-type': found.file.contentType,
      'content-length': found.file.size,
      'cache-control': 'private, max-age=60',
    })
    if (req.method === 'HEAD') return res.end()
    fs.createReadStream(found.diskPath).pipe(res)
  }

  function serveStatic(urlPath: string, res: http.ServerResponse) {
    const index = path.join(h5Dir, 'index.html')
    if (!fs.existsSync(index)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return res.end('<meta charset="utf-8"><p>h5 页面还没有构建。请运行 <code>npm start</code>（会自动构建）或 <code>npm run build:h5</code>。</p>')
    }
    let rel: string
    try {
      rel = decodeURIComponent(urlPath)
    } catch {
      rel = '/'
    }
    const file = path.normalize(path.join(h5Dir, rel))
    const target = file.startsWith(h5Dir) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : index
    res.writeHead(200, {
      'content-type': STATIC_TYPES[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': target === index ? 'no-cache' : 'public, max-age=3600',
    })
    fs.createReadStream(target).pipe(res)
  }

  /**
   * The functions' clock (`cloudfunctions/_shared/clock.ts`): GET reads it, POST `{ offsetMs }` moves it (a test
   * of "60 seconds later" or "next month"), `{ offsetMs: 0 }` puts it back. Local only, like everything here.
   */
  async function clock(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (method === 'POST') {
      let offset: unknown
      try {
        offset = (JSON.parse((await readBody(req, allow(budget, req, res, MAX_CONTROL_BODY))).toString('utf8')) as { offsetMs?: unknown }).offsetMs
      } catch {
        offset = undefined
      }
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset)) return sendJson(res, 400, failure('INPUT.INVALID', 'offsetMs 必须是整数毫秒'))
      process.env.LOCAL_CLOCK_OFFSET_MS = String(offset)
    } else if (method !== 'GET') {
      return sendJson(res, 405, failure('INPUT.INVALID', '只支持 GET 和 POST'))
    }
    const offsetMs = Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0)
    sendJson(res, 200, { offsetMs, now: new Date(Date.now() + offsetMs).toISOString() })
  }

  /** The names this server answers to: loopback, with its port (a browser omits the port only for port 80). */
  function loopbackHost(host: string | undefined): boolean {
    if (!host) return false
    const port = (server.address() as AddressInfo | null)?.port
    const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/.exec(host.toLowerCase())
    return !!m && (m[2] === undefined ? port === 80 : Number(m[2]) === port)
  }

  /**
   * Same origin, on loopback, or nothing runs. The Host must be loopback with this port: a page on a DNS name that
   * the attacker rebinds to 127.0.0.1 sends its own name. A foreign Origin is refused: a page elsewhere can send a
   * "simple" request (text/plain, a form) without a CORS preflight, and it would otherwise run. The h5 app is served
   * from here, so its requests carry this origin (or, for a plain GET, none); the SDKs send none.
   */
  function guard(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (!loopbackHost(req.headers.host)) {
      sendJson(res, 403, failure('AUTH.FORBIDDEN', '本地云只接受发给本机地址（127.0.0.1 或 localhost 加端口）的请求'), true)
      return false
    }
    const origin = req.headers.origin
    if (origin !== undefined && origin.toLowerCase() !== `http://${req.headers.host!.toLowerCase()}`) {
      sendJson(res, 403, failure('AUTH.FORBIDDEN', '本地云只接受它自己的页面发来的请求，别的网页不能调用它'), true)
      return false
    }
    return true
  }

  /** The emulator's switches take JSON only: a form or text/plain from a page must not move the clock. */
  function jsonOnly(req: http.IncomingMessage, res: http.ServerResponse, method: string): boolean {
    if (method !== 'POST' || mediaType(req) === 'application/json') return true
    sendJson(res, 415, failure('INPUT.INVALID', '请用 JSON 提交（Content-Type: application/json）'))
    return false
  }

  const { requestTimeoutMs } = limits
  const server = http.createServer(
    {
      // A connection that never finishes its headers, or its body, is closed (408) instead of being held.
      headersTimeout: requestTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeoutMs / 4))),
    },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://local')
      const route = url.pathname
      const method = req.method ?? 'GET'
      const run = async () => {
        if (!guard(req, res)) return
        if (route === '/admin' && method === 'POST') return admin(req, res)
        if (route.startsWith('/api/') && method === 'POST') return api(route.slice(5), req, res)
        if (route === '/upload' && method === 'POST') return upload(req, res)
        if (route.startsWith('/_storage/upload/') && method === 'PUT') return storagePut(route.slice(17), req, res)
        if (route.startsWith('/_storage/files/') && (method === 'GET' || method === 'HEAD')) return storageGet(route.slice(16), req, res)
        if (route === '/healthz') return sendJson(res, 200, { ok: true })
        if (route === '/_emulator/stats' && method === 'GET') return sendJson(res, 200, { requests: stats, committedTransactionSizes: transactionSizes })
        if (route === '/_emulator/deliveries' && method === 'GET') return sendJson(res, 200, { deliveries: store.deliveries() })
        if (route === '/_emulator/clock') return jsonOnly(req, res, method) && clock(req, res, method)
        if (route === '/_emulator/wechat') {
          if (!jsonOnly(req, res, method)) return
          return wechat.controlRoute(res, method, async () => JSON.parse((await readBody(req, allow(budget, req, res, MAX_CONTROL_BODY))).toString('utf8') || '{}'))
        }
        if (method === 'GET' || method === 'HEAD') return serveStatic(route, res)
        sendJson(res, 404, failure('NOT_FOUND', `没有这个地址：${method} ${route}`))
      }
      run().catch((e) => {
        console.error('[local-cloud] 请求处理失败：', e)
        if (!res.headersSent) sendJson(res, 500, failure('INTERNAL'))
        else res.destroy()
      })
    },
  )
  server.keepAliveTimeout = 65_000
  // Past the cap a new connection is closed at once; said once a minute at most, so a flood does not flood the log.
  server.maxConnections = limits.maxConnections
  let droppedSaidAt = 0
  server.on('drop', () => {
    if (Date.now() - droppedSaidAt < 60_000) return
    droppedSaidAt = Date.now()
    console.error(`[local-cloud] 连接数已达上限 ${limits.maxConnections}（LOCAL_CLOUD_MAX_CONNECTIONS），新的连接被拒绝`)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  process.env.LOCAL_CLOUD_URL = baseUrl

  if (fresh && options.seed) {
    await options.seed(baseUrl)
    store.setMeta('seeded', new Date().toISOString())
  }

  return {
    url: baseUrl,
    port,
    store,
    storage,
    functions,
    fresh,
    close: () =>
      new Promise<void>((resolve) => {
        wechat.close()
        server.close(() => {
          store.close()
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
