/**
 * The local cloud's limits, each with a clear answer (README: “本地云的限制”): a body cap per route checked on
 * Content-Length before a byte is read, a budget for the bodies held in memory at once, header and request timeouts,
 * a connection cap, and the daily upload quota per person. Tests make them small through the environment.
 */
import type http from 'node:http'
import { MAX_PHOTO_BYTES } from '../src/core/image'

export const MB = 1024 * 1024
export const MAX_ADMIN_BODY = 16 * MB
export const MAX_API_BODY = 6 * MB
/** An evidence upload: the photo and its form fields. */
export const MAX_UPLOAD_BODY = MAX_PHOTO_BYTES + 64 * 1024
/** wx-server-sdk's cloud calls: a text to screen, a photo's URL, a message — a few KB. */
export const MAX_WX_BODY = 1 * MB
/** The emulator's own switches (`/_emulator/clock`, `/_emulator/wechat`). */
export const MAX_CONTROL_BODY = 4096

/** A number from the environment (tests make the limits small), or the default; anything else stops the start. */
function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`环境变量 ${name} 不合法：${raw}（应是不小于 ${min} 的数）`)
  return value
}

export type Limits = ReturnType<typeof limitsFromEnv>

/** The limits, from the environment at start. */
export function limitsFromEnv() {
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

/** The server's timeouts: a connection that never finishes its headers, or its body, is closed (408) instead of being held. */
export const timeouts = (requestTimeoutMs: number): http.ServerOptions => ({
  headersTimeout: requestTimeoutMs,
  requestTimeout: requestTimeoutMs,
  connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeoutMs / 4))),
})

/** Past the cap a new connection is closed at once; said once a minute at most, so a flood does not flood the log. */
export function capConnections(server: http.Server, maxConnections: number): void {
  server.maxConnections = maxConnections
  let droppedSaidAt = 0
  server.on('drop', () => {
    if (Date.now() - droppedSaidAt < 60_000) return
    droppedSaidAt = Date.now()
    console.error(`[local-cloud] 连接数已达上限 ${maxConnections}（LOCAL_CLOUD_MAX_CONNECTIONS），新的连接被拒绝`)
  })
}

/** Why a body is not taken: over its route's cap, or the server holds as much as its budget allows. */
export class BodyRefused extends Error {
  constructor(readonly why: 'tooLarge' | 'busy') {
    super(why)
  }
}

/**
 * Past this the server stops reading and drops the connection; below it the rest of a refused body is read and
 * discarded (never held), so the client gets the answer instead of a broken pipe.
 */
const DISCARD_LIMIT = 128 * MB

/** A refused body's answer closes the connection only when the rest is too big to read and discard. */
export const closeAfter = (req: http.IncomingMessage) => Number(req.headers['content-length']) > DISCARD_LIMIT

/**
 * The bodies held in memory at once have a budget: a body's declared length is taken from it before a byte is read,
 * a body of unknown length (chunked) takes as it arrives, and all of it is given back once the answer has gone. So
 * twenty 15 MB bodies cannot all be held: past the budget the answer is "busy", at once.
 */
export class BodyBudget {
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
export interface Allowance {
  refused: BodyRefused | null
  /** Counts `n` more bytes arrived; false (and `refused` set) when they pass the cap or the budget. */
  grow(n: number): boolean
  release(): void
}

export function allow(budget: BodyBudget, req: http.IncomingMessage, res: http.ServerResponse, limit: number): Allowance {
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
export function readBody(req: http.IncomingMessage, allowance: Allowance): Promise<Buffer> {
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
