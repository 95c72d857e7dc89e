/**
 * The local cloud: one HTTP server on loopback that is, at once,
 * - the CloudBase API the real `@cloudbase/node-sdk` talks to (`POST /admin`),
 * - the storage endpoints its signed URLs point at (`/_storage/...`),
 * - the function gateway the h5 app calls (`POST /api/<fn>`, caller in `x-wx-openid`), and evidence upload (`POST /upload`),
 * - `/healthz`, `/_emulator/stats`, and the h5 build as static files.
 */
import Busboy from 'busboy'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { ERROR_MESSAGES, type ErrorCode } from '../src/core/errors'
import { MAX_PHOTO_BYTES } from '../src/core/image'
import { Store } from './database'
import { Functions } from './functions'
import { handleAction } from './protocol'
import { MAX_UPLOAD_BYTES, Storage, checkCloudPath } from './storage'
import { WeChat } from './wechat'

export const LOCAL_ENV = 'local'
const MAX_ADMIN_BODY = 16 * 1024 * 1024
const MAX_API_BODY = 6 * 1024 * 1024

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

class BodyTooLarge extends Error {}

/** Past this the server stops listening and drops the connection; below it an oversized body is read and discarded so the client gets the answer. */
const DISCARD_LIMIT = 128 * 1024 * 1024

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > DISCARD_LIMIT) {
        reject(new BodyTooLarge())
        req.destroy()
      }
    })
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

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

  async function admin(req: http.IncomingMessage, res: http.ServerResponse) {
    // The SDK's `wx.openApi` (cloud.openapi) is the one action sent as a form, with a protobuf inside.
    if (/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return wechat.serve(req, res, stats)
    let body: unknown
    try {
      const raw = await readBody(req, MAX_ADMIN_BODY)
      body = JSON.parse(raw.toString('utf8'))
    } catch (e) {
      const tooLarge = e instanceof BodyTooLarge
      return sendJson(
        res,
        200,
        tooLarge
          ? { code: 'INVALID_PARAM', message: `请求体超过 ${MAX_ADMIN_BODY / 1024 / 1024} MB` }
          : { code: 'INVALID_PARAM', message: '请求体不是合法的 JSON' },
        tooLarge,
      )
    }
    const action = (body as { action?: unknown })?.action
    if (typeof action === 'string') stats[action] = (stats[action] ?? 0) + 1
    const answer = await handleAction(body, services)
    countTransaction(action, (body ?? {}) as { transactionId?: unknown }, answer)
    sendJson(res, 200, answer)
  }

  async function api(name: string, req: http.IncomingMessage, res: http.ServerResponse) {
    let event: unknown
    try {
      const raw = await readBody(req, MAX_API_BODY)
      event = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'))
    } catch (e) {
      const tooLarge = e instanceof BodyTooLarge
      return sendJson(res, 200, failure('INPUT.INVALID', tooLarge ? '提交的内容太大了' : '提交的内容不是合法的 JSON'), tooLarge)
    }
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

  function upload(req: http.IncomingMessage, res: http.ServerResponse) {
    const openidHeader = req.headers['x-wx-openid']
    const openid = typeof openidHeader === 'string' ? openidHeader.trim() : ''
    // A refusal is answered once the upload has been read: answering and closing mid-upload makes the client
    // see a broken connection (EPIPE) instead of the answer.
    const refuseAfterBody = (body: unknown) => {
      req.once('end', () => sendJson(res, 200, body))
      req.resume()
    }
    if (!openid) return refuseAfterBody(failure('AUTH.UNAUTHENTICATED'))
    let busboy: Busboy.Busboy
    try {
      // busboy reports 'limit' once a file reaches fileSize bytes; + 1 so that exactly MAX_PHOTO_BYTES is accepted.
      busboy = Busboy({ headers: req.headers, limits: { fileSize: MAX_PHOTO_BYTES + 1, files: 1, fields: 5 } })
    } catch {
      return refuseAfterBody(failure('INPUT.INVALID', '请用表单（multipart/form-data）上传，字段 cloudPath 和 file'))
    }
    let cloudPath = ''
    let bytes: Buffer | null = null
    let tooLarge = false
    busboy.on('field', (name, value) => {
      if (name === 'cloudPath') cloudPath = value
    })
    busboy.on('file', (_name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => {
        tooLarge = true
      })
      stream.on('close', () => {
        bytes = Buffer.concat(chunks)
      })
    })
    busboy.on('error', () => sendJson(res, 200, failure('INPUT.INVALID', '上传的内容不完整，请重试'), true))
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
      // The storage rule lets a client write only new files: evidence a claim already points at never changes under
      // it. The check and the write run in one synchronous step, so two uploads to one path cannot both pass.
      if (storage.stat(normalized)) return sendJson(res, 200, failure('UPLOAD.EXISTS'))
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
      bytes = await readBody(req, MAX_UPLOAD_BYTES)
    } catch {
      return xmlError('EntityTooLarge', `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
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
        offset = (JSON.parse((await readBody(req, 1024)).toString('utf8')) as { offsetMs?: unknown }).offsetMs
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

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const route = url.pathname
    const method = req.method ?? 'GET'
    const run = async () => {
      if (route === '/admin' && method === 'POST') return admin(req, res)
      if (route.startsWith('/api/') && method === 'POST') return api(route.slice(5), req, res)
      if (route === '/upload' && method === 'POST') return upload(req, res)
      if (route.startsWith('/_storage/upload/') && method === 'PUT') return storagePut(route.slice(17), req, res)
      if (route.startsWith('/_storage/files/') && (method === 'GET' || method === 'HEAD')) return storageGet(route.slice(16), req, res)
      if (route === '/healthz') return sendJson(res, 200, { ok: true })
      if (route === '/_emulator/stats' && method === 'GET') return sendJson(res, 200, { requests: stats, committedTransactionSizes: transactionSizes })
      if (route === '/_emulator/deliveries' && method === 'GET') return sendJson(res, 200, { deliveries: store.deliveries() })
      if (route === '/_emulator/clock') return clock(req, res, method)
      if (route === '/_emulator/wechat') {
        return wechat.controlRoute(res, method, async () => JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}'))
      }
      if (method === 'GET' || method === 'HEAD') return serveStatic(route, res)
      sendJson(res, 404, failure('NOT_FOUND', `没有这个地址：${method} ${route}`))
    }
    run().catch((e) => {
      console.error('[local-cloud] 请求处理失败：', e)
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL'))
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 65_000

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
