/**
 * The local cloud: one HTTP server on loopback that is, at once,
 * - the CloudBase API the real `@cloudbase/node-sdk` talks to (`POST /admin`),
 * - the storage endpoints its signed URLs point at (`/_storage/...`),
 * - the function gateway the h5 app calls (`POST /api/<fn>`, caller in `x-wx-openid`), and evidence upload (`POST /upload`,
 *   upload.ts),
 * - `/healthz`, the emulator's own routes (`/_emulator/*`, emulator.ts), and the h5 build as static files.
 *
 * It is reachable by any web page the developer opens, so it defends itself like a server on the internet would:
 * same-origin requests on loopback only, each POST with its route's content type (guards.ts), and limits with clear
 * answers: body caps, a budget for the bodies held at once, timeouts, a connection cap, an upload quota (limits.ts).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Store } from './database'
import { Emulator } from './emulator'
import { Functions } from './functions'
import { guard } from './guards'
import {
  BodyBudget,
  BodyRefused,
  MAX_ADMIN_BODY,
  MAX_API_BODY,
  MAX_WX_BODY,
  MB,
  allow,
  capConnections,
  closeAfter,
  limitsFromEnv,
  readBody,
  timeouts,
} from './limits'
import { handleAction } from './protocol'
import { failure, mediaType, sendJson } from './respond'
import { MAX_UPLOAD_BYTES, Storage } from './storage'
import { uploadRoute } from './upload'
import { WeChat } from './wechat'
import { Deliveries } from './wx'

export const LOCAL_ENV = 'local'

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
  // The subscribe messages "sent", kept in the store's file.
  const deliveries = new Deliveries(store.sqlite)
  // WeChat's cloud calls (wx-server-sdk's cloud.openapi): content checks and subscribe messages.
  const wechat = new WeChat({ deliveries, storage, functions, dataDir, baseUrl: () => baseUrl })
  const emulator = new Emulator({ deliveries, wechat, budget })
  const upload = uploadRoute({ storage, budget, limits })

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
      return wechat.serve(req, res, emulator.stats)
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
    emulator.countAction(action)
    const answer = await handleAction(body, services)
    emulator.countTransaction(action, (body ?? {}) as { transactionId?: unknown }, answer)
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

  const server = http.createServer(timeouts(limits.requestTimeoutMs), (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const route = url.pathname
    const method = req.method ?? 'GET'
    const run = async () => {
      if (!guard(server, req, res)) return
      if (route === '/admin' && method === 'POST') return admin(req, res)
      if (route.startsWith('/api/') && method === 'POST') return api(route.slice(5), req, res)
      if (route === '/upload' && method === 'POST') return upload(req, res)
      if (route.startsWith('/_storage/upload/') && method === 'PUT') return storagePut(route.slice(17), req, res)
      if (route.startsWith('/_storage/files/') && (method === 'GET' || method === 'HEAD')) return storageGet(route.slice(16), req, res)
      if (route === '/healthz') return sendJson(res, 200, { ok: true })
      const emulated = emulator.route(route, method)
      if (emulated) return emulated(req, res)
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
  capConnections(server, limits.maxConnections)

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
