/**
 * Notifications go through an outbox: a message is written first, then sent. In CloudBase the sender
 * uses WeChat subscribe messages (订阅消息) through the SDK's `callWxOpenApi`; the local cloud answers
 * that call by recording the delivery. A message that fails stays pending for the next attempt.
 */
import { cloudApp, type Db } from './cloud'

export interface OutboxMessage {
  _id?: string
  to: string
  /** Which subscribe-message template: set the real template ids with env SUBSCRIBE_TEMPLATE_<KIND>. */
  kind: 'claim_to_review' | 'claim_decided' | 'objection' | 'objection_resolved' | 'listing'
  title: string
  body: string
  /** The mini-program page the message opens. */
  page: string
  status: 'pending' | 'sent' | 'failed'
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

const templateOf = (kind: OutboxMessage['kind']) => process.env[`SUBSCRIBE_TEMPLATE_${kind.toUpperCase()}`] ?? kind

/** Sends the given pending messages; each ends `sent`, or stays `pending` (then `failed` after 5 attempts). */
export async function send(db: Db, ids: string[]): Promise<void> {
  for (const id of ids) {
    const message = ((await db.collection('outbox').doc(id).get()).data as OutboxMessage[])[0]
    if (!message || message.status !== 'pending') continue
    try {
      const { result } = (await cloudApp().callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: {
          touser: message.to,
          template_id: templateOf(message.kind),
          page: message.page,
          data: { thing1: { value: message.title.slice(0, 20) }, thing2: { value: message.body.slice(0, 20) } },
        },
      })) as { result?: { errcode?: number; errmsg?: string } }
      if (result?.errcode) throw new Error(`errcode ${result.errcode} ${result.errmsg ?? ''}`)
      await db.collection('outbox').doc(id).update({ status: 'sent', sentAt: new Date().toISOString(), attempts: message.attempts + 1 })
    } catch (e) {
      const attempts = message.attempts + 1
      await db.collection('outbox').doc(id).update({ status: attempts >= 5 ? 'failed' : 'pending', attempts, error: String((e as Error).message).slice(0, 200) })
    }
  }
}
