/**
 * The emulator's own routes, `/_emulator/*`, for tests and benchmarks: request counts and the size of each committed
 * transaction (`stats`), the subscribe messages "delivered" (`deliveries`), the functions' clock (`clock`), and the
 * WeChat platform stand-in's switches (`wechat`). Local only, like everything here.
 */
import type http from 'node:http'
import { jsonOnly } from './guards'
import { type BodyBudget, MAX_CONTROL_BODY, allow, readBody } from './limits'
import { failure, sendJson } from './respond'
import type { WeChat } from './wechat'
import type { Deliveries } from './wx'

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => unknown

export class Emulator {
  /** Requests per SDK action (and per WeChat cloud call), since the start. */
  readonly stats: Record<string, number> = {}
  // How many requests each transaction took, start and commit included ("one transaction of N requests").
  private readonly openTransactions = new Map<string, number>()
  private readonly transactionSizes: number[] = []

  constructor(private readonly services: { deliveries: Deliveries; wechat: WeChat; budget: BodyBudget }) {}

  /** Counts an `/admin` request's action. */
  countAction(action: unknown): void {
    if (typeof action === 'string') this.stats[action] = (this.stats[action] ?? 0) + 1
  }

  /** Counts an answered `/admin` request in its transaction, if it has one; a commit records the transaction's size. */
  countTransaction(action: unknown, body: { transactionId?: unknown }, answer: Record<string, unknown>): void {
    const id = action === 'database.startTransaction' ? answer.transactionId : body.transactionId
    if (typeof id !== 'string') return
    const n = (this.openTransactions.get(id) ?? 0) + 1
    if (action === 'database.commitTransaction' || action === 'database.abortTransaction') {
      this.openTransactions.delete(id)
      if (action === 'database.commitTransaction' && !answer.code) this.transactionSizes.push(n)
      if (this.transactionSizes.length > 1000) this.transactionSizes.shift()
    } else {
      this.openTransactions.set(id, n)
    }
  }

  /** The handler of an `/_emulator/*` route, or undefined when none answers this path and method. */
  route(path: string, method: string): Route | undefined {
    if (path === '/_emulator/stats' && method === 'GET') {
      return (_req, res) => sendJson(res, 200, { requests: this.stats, committedTransactionSizes: this.transactionSizes })
    }
    if (path === '/_emulator/deliveries' && method === 'GET') return (_req, res) => sendJson(res, 200, { deliveries: this.services.deliveries.list() })
    if (path === '/_emulator/clock') return (req, res) => jsonOnly(req, res, method) && this.clock(req, res, method)
    if (path === '/_emulator/wechat') {
      return (req, res) => jsonOnly(req, res, method) && this.services.wechat.controlRoute(res, method, () => this.readSwitch(req, res))
    }
    return undefined
  }

  /**
   * The functions' clock (`cloudfunctions/_shared/clock.ts`): GET reads it, POST `{ offsetMs }` moves it (a test
   * of "60 seconds later" or "next month"), `{ offsetMs: 0 }` puts it back.
   */
  private async clock(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (method === 'POST') {
      let offset: unknown
      try {
        offset = ((await this.readSwitch(req, res)) as { offsetMs?: unknown }).offsetMs
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

  /** A switch's JSON body, within its small cap (an empty body is `{}`); throws when it is not JSON or too big. */
  private async readSwitch(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    return JSON.parse((await readBody(req, allow(this.services.budget, req, res, MAX_CONTROL_BODY))).toString('utf8') || '{}')
  }
}
