/**
 * Notifications go through an outbox: a message is written first, then sent as a WeChat subscribe message (订阅消息)
 * through wx-server-sdk's `cloud.openapi.subscribeMessage.send` (wechat.ts); the local cloud records the delivery.
 * Which template and which of its keys each message fills come from configuration (src/core/notifications.ts,
 * docs/subscribe-messages.md). A message that fails stays pending for the next attempt (jobs resends it); one that
 * cannot be sent — no template configured, or the person has not subscribed — is recorded as skipped.
 */
import { type MessageKind, MESSAGES, fieldsEnv, parseFieldKeys, templateData, templateEnv } from '../../src/core/notifications'
import type { Db, Transaction } from './cloud'
import { sendSubscribe, wxErrorCode } from './wechat'

export interface OutboxMessage {
  _id?: string
  to: string
  /** Which message: its template id is env SUBSCRIBE_TEMPLATE_<KIND>, its keys SUBSCRIBE_FIELDS_<KIND>. */
  kind: MessageKind
  title: string
  body: string
  /** The facts the template's keys are filled from (MESSAGES[kind].facts); `time` is when it was made. */
  fields?: Record<string, string>
  /** The mini-program page the message opens. */
  page: string
  status: 'pending' | 'sent' | 'failed' | 'skipped'
  attempts: number
  createdAt: string
  sentAt?: string
  error?: string
}

export async function enqueue(db: Db, messages: Omit<OutboxMessage, 'status' | 'attempts' | 'createdAt'>[], now: Date): Promise<string[]> {
  const ids: string[] = []
  for (const m of messages) {
    const { id } = await db.collection('outbox').add({ ...m, status: 'pending', attempts: 0, createdAt: now.toISOString() })
    ids.push(id as string)
  }
  return ids
}

/**
 * Writes messages inside `tx` under the given ids (derived from what they tell, so a retried write makes no second
 * one): they exist exactly when the change they tell of is committed. Send them (`send`) after the commit; what is
 * not sent then, jobs resends.
 */
export async function enqueueIn(tx: Transaction, messages: (Omit<OutboxMessage, 'status' | 'attempts' | 'createdAt' | '_id'> & { _id: string })[], now: Date): Promise<string[]> {
  for (const { _id, ...m } of messages) await tx.collection('outbox').doc(_id).set({ ...m, status: 'pending', attempts: 0, createdAt: now.toISOString() })
  return messages.map((m) => m._id)
}

/**
 * WeChat's answers that no retry will change: 43101 the person has not subscribed (or used up what they allowed),
 * 40003 not a user of this mini-program, 40037 / 47003 the template or its data do not match.
 */
const FINAL_ERRORS: Record<number, string> = {
  43101: '对方没有订阅这条消息（或订阅的次数已用完）',
  40003: '对方不是本小程序的用户',
  40037: '模板 ID 不对',
  47003: '模板字段与内容不符，请检查 SUBSCRIBE_FIELDS_*',
}

/** The template and the data of a message, or why it cannot be sent (configuration). */
export function compose(message: OutboxMessage): { templateId: string; data: Record<string, { value: string }> } | { skip: string } {
  const kind = MESSAGES[message.kind] ? message.kind : null
  if (!kind) return { skip: `未知的消息类型：${String(message.kind)}` }
  const templateId = process.env[templateEnv(kind)]?.trim()
  if (!templateId) return { skip: `没有配置订阅消息模板（${templateEnv(kind)}）` }
  let keys = MESSAGES[kind].keys
  const configured = process.env[fieldsEnv(kind)]?.trim()
  if (configured) {
    try {
      keys = parseFieldKeys(kind, configured)
    } catch (e) {
      return { skip: (e as Error).message }
    }
  }
  // A message from before facts existed still reads: its title and body stand in for the main facts.
  const facts = { item: message.title, note: message.body, reason: message.body, ...message.fields, time: message.createdAt }
  return { templateId, data: templateData(keys, facts) }
}

/**
 * Sends the given pending messages, all at once; each ends `sent` or `skipped`, or stays `pending` (then `failed`
 * after 5 attempts). A slow platform costs a write at most one 2-second wait, not one per message.
 */
export async function send(db: Db, ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => sendOne(db, id)))
}

async function sendOne(db: Db, id: string): Promise<void> {
  const message = ((await db.collection('outbox').doc(id).get()).data as OutboxMessage[])[0]
  if (!message || message.status !== 'pending') return
  const attempts = message.attempts + 1
  const composed = compose(message)
  if ('skip' in composed) {
    await db.collection('outbox').doc(id).update({ status: 'skipped', attempts, error: composed.skip })
    return
  }
  try {
    await sendSubscribe({ touser: message.to, templateId: composed.templateId, page: message.page, data: composed.data })
    await db.collection('outbox').doc(id).update({ status: 'sent', sentAt: new Date().toISOString(), attempts })
  } catch (e) {
    const code = wxErrorCode(e)
    const final = code !== undefined ? FINAL_ERRORS[code] : undefined
    const status = final ? 'skipped' : attempts >= 5 ? 'failed' : 'pending'
    await db.collection('outbox').doc(id).update({ status, attempts, error: (final ?? String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e)).slice(0, 200) })
  }
}
