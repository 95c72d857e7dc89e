/**
 * Who is told what about a 说事 post: whoever must act next. A new suggestion or wish goes to the office (the admins);
 * a hazard to the grid workers of its place's grid; each step to the poster and, for a wish, to its taker (never to
 * the one who took the step).
 */
import { VOICE_EVENT_NAMES, VOICE_KIND_NAMES, type VoiceEvent, statusName } from '../../src/core/voices'
import type { Db } from '../_shared/cloud'
import { enqueue, send } from '../_shared/outbox'
import { holdersOf } from '../_shared/people'
import type { VoiceRecord } from './records'

/** The page a message opens. */
export const pageOf = (post: Pick<VoiceRecord, '_id'>) => `pages-voices/detail/index?id=${post._id}`

/** A new post (or, with `overdue`, a hazard waiting too long) to those who handle it. */
export async function notifyHandlers(db: Db, post: VoiceRecord, now: Date, options: { overdue?: boolean } = {}): Promise<void> {
  const handlers = post.kind === 'hazard' && !options.overdue ? await holdersOf(db, 'grid', post.gridId) : await holdersOf(db, 'admin', post.communityId)
  const to = [...new Set(handlers.map((u) => u._id))].filter((o) => o !== post.author.openid)
  const kind = VOICE_KIND_NAMES[post.kind]
  const ids = await enqueue(
    db,
    to.map((openid) => ({
      to: openid,
      kind: 'voice_to_handle' as const,
      title: options.overdue ? `随手拍超过 3 天没处理：${post.title}` : `${kind}：${post.title}`,
      body: post.place ? `${post.courtyardName} ${post.place}` : post.courtyardName,
      page: pageOf(post),
      fields: { kind, item: post.title, person: post.author.name },
    })),
    now,
  )
  await send(db, ids)
}

/** A step to the poster and a wish's taker, but not to the one who took it (`post.history`'s last step). */
export async function notifyPeople(db: Db, post: VoiceRecord, event: VoiceEvent, note: string | undefined, now: Date): Promise<void> {
  const actor = post.history[post.history.length - 1]?.by.openid
  const to = [...new Set([post.author.openid, post.taker?.openid].filter((o): o is string => !!o && o !== actor))]
  const result = event === 'reply' ? '有了回复' : `${VOICE_EVENT_NAMES[event]}：${statusName(post.kind, post.status)}`
  const ids = await enqueue(
    db,
    to.map((openid) => ({
      to: openid,
      kind: 'voice_update' as const,
      title: `${VOICE_KIND_NAMES[post.kind]}：${post.title}`,
      body: note ? `${result}。${note}` : result,
      page: pageOf(post),
      fields: { item: post.title, result, note: note ?? '' },
    })),
    now,
  )
  await send(db, ids)
}
