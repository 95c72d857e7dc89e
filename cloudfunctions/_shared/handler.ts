/**
 * The handler wrapper every cloud function is built from. A function is a table of actions; each
 * action binds an input schema, who may call it, and a handler. A call reads as numbered steps:
 *   1. identify  — the caller's openid from the platform (`getCloudbaseContext`), never from the event
 *   2. validate  — the input against the action's zod schema (`INPUT.INVALID` with the issues)
 *   3. authorise — load the caller and check the action's access rule
 *   4. act       — the handler
 *   5. answer    — `{ ok: true, data }`, or `{ ok: false, code, message }` for a refusal.
 * A crash is logged with its stack and answered as a generic `INTERNAL`, never with the stack.
 */
import { z } from 'zod'
import { DomainError, ERROR_MESSAGES, type Envelope } from '../../src/core/errors'
import type { Role } from '../../src/core/user'
import { type AuditNote, writeAudit } from './audit'
import { now } from './clock'
import { callerOpenid, database, type Db } from './cloud'

/** A role held over an org node (or, for a merchant clerk, over the merchant): it covers the node's subtree. */
export interface RoleRecord {
  role: Role
  nodeId: string
}

/** One per WeChat account that has joined; `_id` is the openid. Its roles live in it, so one read identifies a caller. */
export interface UserRecord {
  _id: string
  name: string
  communityId: string | null
  residentId: string | null
  /** The household of a resident (copied here so that "not your own household" needs no extra read). */
  householdId?: string | null
  merchantId?: string | null
  roles?: RoleRecord[]
}

/**
 * Who may call an action:
 * - `anyone`: even an anonymous caller;
 * - `signedIn`: any caller with an openid, joined or not (`user.join`); the handler loads what it needs;
 * - `member`: a caller who has joined a community;
 * - a list of roles: a member holding at least one of them (scope is checked by the handler, which knows the target).
 */
export type Access = 'anyone' | 'signedIn' | 'member' | readonly Role[]

export interface Ctx {
  openid: string | null
  user: UserRecord | null
  roles: RoleRecord[]
  db: Db
  now: () => Date
  /** For an audited action: what it was done to, and what that was before and after (merged into its log line). */
  audit: (note: AuditNote) => void
}

/** The context of a member: what a handler of a `member` or role action receives. */
export interface MemberCtx extends Ctx {
  openid: string
  user: UserRecord
}

type CtxFor<A extends Access> = A extends 'anyone' ? Ctx : A extends 'signedIn' ? Ctx & { openid: string } : MemberCtx

export interface ActionDef<S extends z.ZodTypeAny, A extends Access, R> {
  input: S
  access: A
  /**
   * Whether a successful call is written to the audit log (every reviewer, admin and merchant action is). `true`
   * logs it; `'roles'` logs it only when the caller holds a role (a resident's own cancel is not an official act);
   * `{ when }` decides per call from the input (a report is logged when it is exported, not each time it is read).
   */
  audit?: true | 'roles' | AuditWhen<z.infer<S>>
  // Method syntax on purpose: an action table holds handlers of different contexts and inputs.
  handler(args: { ctx: CtxFor<A>; input: z.infer<S> }): Promise<R>
}

export interface AuditWhen<I> {
  // Method syntax on purpose, as for the handler: an action table holds actions of different inputs.
  when(input: I): boolean
}

export function action<S extends z.ZodTypeAny, A extends Access, R>(def: ActionDef<S, A, R>): ActionDef<S, A, R> {
  return def
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDef<z.ZodTypeAny, Access, any>

/** A function's action table: what `defineFunction` serves and what the client's types are read from. */
export type ActionTable = Record<string, AnyAction>

/** What an action takes from a caller (before defaults and trimming): the client's argument. */
export type ActionInput<D> = D extends ActionDef<infer S, Access, unknown> ? z.input<S> : never

/** What an action answers in `data` on success. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionOutput<D> = D extends ActionDef<z.ZodTypeAny, any, infer R> ? Awaited<R> : never

const fail = (e: DomainError): Envelope<never> => ({
  ok: false,
  code: e.code,
  message: e.message,
  ...(e.details === undefined ? {} : { details: e.details }),
})

/** Loads the caller's account with its roles: one read. */
export async function loadCaller(db: Db, openid: string): Promise<{ user: UserRecord | null; roles: RoleRecord[] }> {
  const user = (((await db.collection('users').doc(openid).get()).data as UserRecord[])[0] ?? null) as UserRecord | null
  return { user, roles: user?.roles ?? [] }
}

export function authorise(access: Access, ctx: Ctx): void {
  if (access === 'anyone') return
  if (!ctx.openid) throw new DomainError('AUTH.UNAUTHENTICATED')
  if (access === 'signedIn') return
  if (!ctx.user) throw new DomainError('AUTH.UNAUTHENTICATED', '您还没有加入社区，请先用邀请码加入')
  if (access === 'member') return
  if (!ctx.roles.some((r) => access.includes(r.role))) throw new DomainError('AUTH.FORBIDDEN')
}

/** Builds a cloud function's `main` from its action table. */
export function defineFunction<T extends ActionTable>(name: string, actions: T) {
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    try {
      // 1. identify
      const openid = callerOpenid(context)
      const { action: actionName, ...rest } = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>
      // The platform adds userInfo to events from the mini-program; identity never comes from the event.
      delete rest.userInfo
      const def = typeof actionName === 'string' && Object.prototype.hasOwnProperty.call(actions, actionName) ? actions[actionName] : undefined
      if (!def) {
        return fail(
          new DomainError('INPUT.INVALID', `不支持的操作：${name}.${String(actionName ?? '')}`, {
            actions: Object.keys(actions),
          }),
        )
      }
      // 2. validate
      const parsed = def.input.safeParse(rest)
      if (!parsed.success) {
        return fail(new DomainError('INPUT.INVALID', describeIssues(parsed.error), { issues: parsed.error.issues }))
      }
      // 3. authorise
      const db = database()
      const needsCaller = def.access !== 'anyone' && def.access !== 'signedIn'
      const caller = openid && needsCaller ? await loadCaller(db, openid) : { user: null, roles: [] }
      let note: AuditNote = {}
      const ctx: Ctx = { openid, user: caller.user, roles: caller.roles, db, now, audit: (n) => (note = { ...note, ...n }) }
      authorise(def.access, ctx)
      // 4. act
      const data = await def.handler({ ctx: ctx as never, input: parsed.data })
      // 5. record (an official act) and answer
      const audited = typeof def.audit === 'object' ? def.audit.when(parsed.data) : def.audit === true || (def.audit === 'roles' && ctx.roles.length > 0)
      if (audited && openid) {
        await writeAudit(db, {
          communityId: ctx.user?.communityId ?? null,
          at: now().toISOString(),
          operator: openid,
          operatorName: ctx.user?.name ?? '',
          action: `${name}.${actionName as string}`,
          input: withoutBulk(parsed.data),
          ...note,
        }).catch((e) => console.error(`[${name}] 写操作日志失败：`, e))
      }
      return { ok: true, data }
    } catch (e) {
      if (e instanceof DomainError) return fail(e)
      console.error(`[${name}] 未处理的错误：`, e)
      return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL }
    }
  }
}

/** The input as the log keeps it: photo lists become counts. */
function withoutBulk(input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    // A PIN is never written anywhere in clear, the log included; a card's token is a credential: only its start.
    out[k] = Array.isArray(v) && k === 'photos' ? `${v.length} 张照片` : k === 'pin' ? '****' : k === 'token' && typeof v === 'string' ? `${v.slice(0, 16)}…` : v
  }
  return out
}

/** A short Chinese summary of what is wrong with the input, naming the fields. */
function describeIssues(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((i) => i.path.join('.') || '（整体）'))]
  return `${ERROR_MESSAGES['INPUT.INVALID']}：${fields.slice(0, 5).join('、')}`
}
