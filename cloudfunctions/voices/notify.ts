/**
 * Who is told what about a 说事 post: whoever must act next. A new suggestion or wish goes to the office (the admins);
 * a hazard to the grid workers of its place's grid; each step to the poster and, for a wish, to its taker (never to
 * the one who took the step).
 */
import { VOICE_EVENT_NAMES, VOICE_KIND_NAMES, type VoiceEvent, statusName } from '../../src/core/voices'
import { type Db, readAll } from '../_shared/cloud'
import type { ResidentRecord } from '../_shared/org'
import type { TeamRecord } from '../activities/records'
import { enqueue, send } from '../_shared/outbox'
import { holdersOf } from '../_shared/people'
import type { VoiceRecord } from './records'

/** The page a message opens. */
export const pageOf = (post: Pick<VoiceRecord, '_id'>) => `pages-voices/detail/index?id=${post._id}`

/** A new post (or, with `overdue`, a hazard waiting too long) to those who handle it. */
export async function notifyHandlers(db: Db, post: VoiceRecord, now: Date, options: { overdue?: boolean } = {}): Promise<void> {
  const handlers = post.kind === 'hazard' && !options.overdue ? await holdersOf(db, 'grid', post.gridId) : await holdersOf(db, 'admin', post.communityId)
  const to = [...new Set(handlers.map((u) => u._id))].filter((o) => o !== post.author.openid && o !== post.proxy?.openid)
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
  const to = [...new Set([post.author.openid, post.proxy?.openid, post.taker?.openid].filter((o): o is string => !!o && o !== actor))]
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

/** The most a published wish tells at once: a large community's volunteers hear of it on the wish list. */
const MAX_TAKERS_TOLD = 300

/**
 * A wish made public goes first to those who take wishes: the community's party members and the members of its
 * volunteer teams (not its poster), each once.
 */
export async function notifyTakers(db: Db, post: VoiceRecord, now: Date): Promise<void> {
  const [party, teams] = await Promise.all([
    readAll<ResidentRecord & { partyMember?: boolean }>(db, 'residents', { communityId: post.communityId, partyMember: true }),
    readAll<TeamRecord>(db, 'teams', { communityId: post.communityId }),
  ])
  const memberIds = new Set(teams.flatMap((t) => t.memberIds))
  const _ = db.command
  const volunteers: ResidentRecord[] = []
  const ids = [...memberIds]
  for (let i = 0; i < ids.length; i += 100) volunteers.push(...((await db.collection('residents').where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get()).data as ResidentRecord[]))
  const to = [...new Set([...party, ...volunteers].filter((r) => !r.status && r.openid).map((r) => r.openid as string))].filter((o) => o !== post.author.openid).slice(0, MAX_TAKERS_TOLD)
  const sent = await enqueue(
    db,
    to.map((openid) => ({
      to: openid,
      kind: 'voice_to_handle' as const,
      title: `有一个新的微心愿：${post.title}`,
      body: `${post.courtyardName}，等人认领`,
      page: pageOf(post),
      fields: { kind: VOICE_KIND_NAMES.wish, item: post.title, person: '' },
    })),
    now,
  )
  await send(db, sent)
}
