/**
 * 说事 — 居民说事 (suggestions), 微心愿 (wishes) and 随手拍 (hazard reports): one status machine per kind in
 * src/core/voices.ts, the inputs in src/core/voices.schema.ts.
 *   post            a member: says, wishes (holding the points a wish offers) or reports; the next to act is told
 *   list / get      members: what they may see of a kind (the public, mine, what I took, my queue as staff); one post with its timeline
 *   reply           the admin, the grid worker or head of the post's place: an answer in public
 *   support         members, once per suggestion (附议)
 *   decide          the admin (suggestions, wishes), the place's grid worker or the admin (hazards)
 *   take / fulfil / confirm / withdraw   a wish's steps (wishes.ts)
 *   summary / export     the admin: how many of each kind, how many closed, the median time to close; the month in Excel (report.ts)
 */
import { DomainError } from '../../src/core/errors'
import { monthKey } from '../../src/core/period'
import { toTenths } from '../../src/core/points'
import { FIRST_STATUS, type VoiceDecision, type VoiceKind, type VoiceStatus, isClosed, isPublic, voiceLifecycle } from '../../src/core/voices'
import { decideInput, getInput, listInput, postInput, replyInput, supportInput } from '../../src/core/voices.schema'
import { transaction } from '../_shared/cloud'
import { communityOf, isAdminOf } from '../_shared/community'
import { acceptEvidence, discardOnRefusal, pinFolder, viewableLinks } from '../_shared/evidence'
import { type MemberCtx, action, defineFunction } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { type LedgerRecord, projectEntry, walletOf } from '../_shared/ledger'
import { recordPhotoChecks } from '../_shared/media-results'
import { getNode } from '../_shared/org'
import { actsFor, getResident, placementOf, residentInCommunity } from '../_shared/people'
import type { ResidentRecord } from '../_shared/org'
import { pageBy } from '../_shared/paging'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'
import { notifyHandlers, notifyPeople, notifyTakers } from './notify'
import { creditIn, holdIn, payablePlacement, purposeRule, releaseIn } from './points'
import { type SupportRecord, type VoiceRecord, actorOf, decides, loadVoice, photosOf, rankOf, sees, staffOver, stepsOf, supportId, toVoice } from './records'
import { reportActions } from './report'
import { acceptStep, step } from './steps'
import { wishActions } from './wishes'

const PAGE = 20

/**
 * Whose post it is and where it is about: the caller, or (代说事) the resident they post for — a 院长, grid worker or
 * the admin over them; the courtyard named (a hazard seen elsewhere), or the poster's own. Its grid handles it.
 */
async function placeOf(ctx: MemberCtx, communityId: string, courtyardId: string | undefined, onBehalfOf: string | undefined) {
  let resident: ResidentRecord | null
  if (onBehalfOf) {
    resident = await residentInCommunity(ctx, onBehalfOf)
    if (!actsFor(ctx, resident, ['head', 'grid', 'admin'])) throw new DomainError('AUTH.FORBIDDEN', '只能替您负责的院落、网格里的居民说事')
  } else resident = ctx.user.residentId ? await getResident(ctx.db, ctx.user.residentId) : null
  const id = courtyardId ?? resident?.courtyardId
  if (!id) throw new DomainError('INPUT.INVALID', '请选择说的是哪个院落的事', { issues: [{ path: ['courtyardId'], message: '请选择院落' }] })
  const courtyard = await getNode(ctx.db, id)
  if (!courtyard || courtyard.type !== 'courtyard' || courtyard.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这个院落')
  return { resident, gridId: courtyard.parentId as string, courtyardId: courtyard._id, courtyardName: courtyard.name }
}

/** 说事、许心愿、随手拍. A retried requestId posts once. A wish's offered points are held in the same transaction. */
const post = action({
  input: postInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const id = derivedId('vc', ctx.openid, input.requestId)
    const filed = ((await ctx.db.collection('voices').doc(id).get()).data as VoiceRecord[])[0]
    if (filed) return { post: toVoice(filed, ctx, { supported: false, now: ctx.now() }) }
    const now = ctx.now()
    const iso = now.toISOString()
    const photos = input.photos ?? []
    const accepting = acceptEvidence(photos, { owners: [ctx.openid], pinTo: pinFolder('voices', id) })
    const screening = screen(
      ctx.openid,
      'forum',
      { texts: { 标题: input.title, 内容: input.text, 地点: input.place }, photos: accepting.then((a) => a.photos.map((p) => ({ fileID: p.fileID, url: p.url }))) },
      now,
    )
    let saved: VoiceRecord
    let record: VoiceRecord
    try {
      const place = await placeOf(ctx, communityId, input.courtyardId, input.onBehalfOf)
      const offerTenths = input.offerPoints ? toTenths(input.offerPoints) : 0
      if (offerTenths && (!place.resident || place.resident.status)) throw new DomainError('INPUT.INVALID', '只有本社区登记的居民可以拿出自己的积分许愿')
      const [evidence, screened, settings, placement] = await Promise.all([
        accepting,
        screening,
        readSettings(ctx.db, communityId),
        offerTenths && place.resident ? placementOf(ctx.db, place.resident) : Promise.resolve(null),
      ])
      const screeningRecord = admit(screened)
      // 代说事: the resident is the author (their name, their points), the one who filed it is kept beside.
      const proxy = input.onBehalfOf ? actorOf(ctx, { communityId, gridId: place.gridId, courtyardId: place.courtyardId }) : undefined
      const author = proxy && place.resident
        ? { openid: place.resident.openid ?? '', name: place.resident.name, role: '居民', residentId: place.resident._id, gridId: place.resident.gridId, courtyardId: place.resident.courtyardId }
        : actorOf(ctx, null, place.resident)
      const status = FIRST_STATUS[input.kind]
      const heldOn = placement ? walletOf(placement, settings.householdWallet) : undefined
      record = {
        _id: id,
        communityId,
        kind: input.kind,
        communityKind: `${communityId}|${input.kind}`,
        title: input.title,
        text: input.text,
        place: input.place ?? '',
        photos,
        pinned: evidence.photos.map((p) => p.pinned),
        gridId: place.gridId,
        courtyardId: place.courtyardId,
        courtyardName: place.courtyardName,
        author,
        ...(proxy ? { proxy } : {}),
        visible: isPublic(input.kind, status),
        status,
        createdAt: iso,
        updatedAt: iso,
        month: monthKey(now),
        supports: 0,
        rank: rankOf(0, iso),
        offerTenths,
        ...(heldOn ? { heldOn } : {}),
        history: [{ at: iso, by: proxy ?? author, step: 'post', ...(proxy ? { note: `替${place.resident!.name}提交` } : {}) }],
        ...(screeningRecord ? { screening: screeningRecord } : {}),
      }
      const draft = record
      saved = await transaction(ctx.db, async (tx) => {
        const again = ((await tx.collection('voices').doc(id).get()).data ?? null) as VoiceRecord | null
        if (again) return again
        if (draft.offerTenths && heldOn && placement) await holdIn(tx, heldOn, placement.residentId, draft.offerTenths, placement, now)
        const { _id, ...fields } = draft
        await tx.collection('voices').doc(_id).set(fields)
        return draft
      })
      if (saved === record) await recordPhotoChecks(ctx.db, { type: 'voice', id }, ctx.openid, screened, now)
    } catch (e) {
      return discardOnRefusal(accepting, e)
    }
    if (saved === record) await notifyHandlers(ctx.db, saved, now)
    return { post: toVoice(saved, ctx, { supported: false, now }) }
  },
})

/** Which of `ids` the caller supported (附议). */
async function supportedOf(ctx: MemberCtx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const _ = ctx.db.command
  const rows = (await ctx.db.collection('voiceSupports').where({ _id: _.in(ids.map((i) => supportId(i, ctx.openid))) }).limit(ids.length).get()).data as SupportRecord[]
  return new Set(rows.map((r) => r.postId))
}

/** The caller's staff reach for a queue: all of the community (admin), their grids, their courtyards; null for none. */
function queueScope(ctx: MemberCtx, communityId: string, kind: VoiceKind): Record<string, unknown> | null {
  const _ = ctx.db.command
  if (isAdminOf(ctx, communityId)) return {}
  const grids = ctx.roles.filter((r) => r.role === 'grid').map((r) => r.nodeId)
  const courtyards = ctx.roles.filter((r) => r.role === 'head').map((r) => r.nodeId)
  // Wishes are checked by the office; what a grid worker or head sees of them is what any member sees.
  if (kind === 'wish') return null
  if (grids.length) return { gridId: _.in(grids) }
  if (courtyards.length) return { courtyardId: _.in(courtyards) }
  return null
}

/**
 * One kind, a page at a time. Members see what is public (suggestions most supported first; wishes newest first);
 * `mine`: what I posted; `taken`: the wishes I took; `queue` (staff): what is in my charge — the admin's all, a grid
 * worker's grid, a head's courtyard (hazards and suggestions; wishes are the office's). Hazards are never public: a
 * member's list of them is their own, a staff member's their queue.
 */
const list = action({
  input: listInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const kind = input.kind
    if (input.status && !voiceLifecycle(kind).statuses.includes(input.status as VoiceStatus)) throw new DomainError('INPUT.INVALID', '没有这个状态')
    const status = input.status ? { status: input.status } : {}
    const communityKind = `${communityId}|${kind}`
    let where: Record<string, unknown>
    let field = 'createdAt'
    const staffScope = queueScope(ctx, communityId, kind)
    const _ = ctx.db.command
    // Mine: what I posted, and what I posted for a resident without a phone (代说事).
    if (input.mine) where = _.and([{ communityKind, ...status }, _.or([{ 'author.openid': ctx.openid }, { 'proxy.openid': ctx.openid }])]) as unknown as Record<string, unknown>
    else if (input.taken) where = { 'taker.openid': ctx.openid, communityKind, ...status }
    else if (input.queue || (kind === 'hazard' && staffScope)) {
      if (!staffScope) throw new DomainError('AUTH.FORBIDDEN', kind === 'wish' ? '微心愿由社区工作小组审核' : '只有工作人员有待办的说事')
      where = { communityKind, ...staffScope, ...status }
    } else if (kind === 'hazard') where = { 'author.openid': ctx.openid, communityKind, ...status }
    else {
      where = { communityKind, visible: true, ...status }
      if (kind === 'suggestion') field = 'rank'
    }
    const page = await pageBy<VoiceRecord>(ctx.db, 'voices', where, { field, direction: 'desc', cursor: input.cursor, size: PAGE })
    const items = page.items.filter((r) => sees(ctx, r))
    const supported = await supportedOf(ctx, items.filter((r) => r.kind === 'suggestion').map((r) => r._id))
    const now = ctx.now()
    return { items: items.map((r) => toVoice(r, ctx, { supported: supported.has(r._id), now })), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/** One post the caller may see, with its replies, its timeline and links to its photos (half an hour). */
const get = action({
  input: getInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const r = await loadVoice(ctx, input.postId)
    const [supported, links] = await Promise.all([supportedOf(ctx, [r._id]), viewableLinks(photosOf(r))])
    const { timeline, replies } = stepsOf(r, ctx, links)
    const photoUrls = r.pinned.filter((p) => !(r.hidden ?? []).includes(p)).map((p) => links.get(p) ?? '').filter(Boolean)
    return { post: toVoice(r, ctx, { supported: supported.has(r._id), now: ctx.now() }), replies, timeline, photoUrls }
  },
})

/** 回复: staff over the post's place answer in public; the poster (and a wish's taker) are told. */
const reply = action({
  input: replyInput,
  access: ['admin', 'grid', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    if (!staffOver(ctx, seen, ['admin', 'grid', 'head'])) throw new DomainError('AUTH.FORBIDDEN', '只能回复您负责的院落、网格里的说事')
    const saved = await acceptStep(ctx, seen._id, input.text, input.photos, (pinned) =>
      step(ctx, seen, 'reply', { by: actorOf(ctx, seen), note: input.text, ...(pinned.length ? { pinned } : {}) }),
    )
    ctx.audit({ target: { type: 'voice', id: seen._id }, after: { kind: seen.kind, title: seen.title, reply: input.text } })
    await notifyPeople(ctx.db, saved, 'reply', input.text, ctx.now())
    const links = await viewableLinks(photosOf(saved))
    const { replies } = stepsOf(saved, ctx, links)
    return { reply: replies[replies.length - 1], post: toVoice(saved, ctx, { supported: false, now: ctx.now() }) }
  },
})

/** 附议: once per member and suggestion (the support's key refuses a second), not one's own, not a closed one. */
const support = action({
  input: supportInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    if (seen.kind !== 'suggestion') throw new DomainError('INPUT.INVALID', '只有居民说事可以附议')
    if (seen.author.openid === ctx.openid) throw new DomainError('INPUT.INVALID', '不能给自己的建议附议')
    const at = ctx.now().toISOString()
    const supports = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('voices').doc(seen._id).get()).data ?? null) as VoiceRecord | null
      if (!current) throw new DomainError('NOT_FOUND', '没有找到这条说事')
      const key = supportId(seen._id, ctx.openid)
      if ((await tx.collection('voiceSupports').doc(key).get()).data) return current.supports
      if (isClosed(current.kind, current.status)) throw new DomainError('VOICE.INVALID_TRANSITION', '这条建议已经办结，不能再附议')
      await tx.collection('voiceSupports').doc(key).set({ postId: seen._id, openid: ctx.openid, at })
      const supports = current.supports + 1
      await tx.collection('voices').doc(seen._id).update({ supports, rank: rankOf(supports, current.createdAt) })
      return supports
    })
    return { supports, supported: true }
  },
})

/**
 * 办理: adopt | close a suggestion (the admin; adopting credits its author once), publish | reject a wish (the admin;
 * rejecting gives back its held points), accept | resolve | reject a hazard (the place's grid worker or the admin;
 * accepting credits the reporter once, resolving takes the "after" photos). The poster is told.
 */
const decide = action({
  input: decideInput,
  access: ['admin', 'grid', 'head'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    const decision = input.decision as VoiceDecision
    if (!decides(ctx, seen, decision)) {
      if (!(voiceLifecycle(seen.kind).events as string[]).includes(decision)) throw new DomainError('INPUT.INVALID', `${seen.kind === 'hazard' ? '随手拍' : seen.kind === 'wish' ? '微心愿' : '居民说事'}不能这样办理`)
      throw new DomainError('AUTH.FORBIDDEN', seen.kind === 'hazard' ? '随手拍由所在网格的网格员办理' : '这件事由社区工作小组办理')
    }
    const now = ctx.now()
    const by = { openid: ctx.openid, name: ctx.user.name }
    // Who is paid, read before the transaction: the author of an adopted suggestion, the reporter of an accepted hazard.
    const pays = decision === 'adopt' || decision === 'accept'
    const [paid, settings, payee] = await Promise.all([
      pays ? purposeRule(ctx.db, seen.communityId, seen.kind) : null,
      readSettings(ctx.db, seen.communityId),
      pays ? payablePlacement(ctx.db, seen.author.residentId) : null,
    ])
    const poster = decision === 'reject' && seen.offerTenths ? await payablePlacement(ctx.db, seen.author.residentId) : null
    let credited: LedgerRecord | null = null
    const saved = await acceptStep(ctx, seen._id, input.note, input.photos, (pinned) =>
      step(ctx, seen, decision, { by: actorOf(ctx, seen), ...(input.note ? { note: input.note } : {}), ...(pinned.length ? { pinned } : {}) }, async (tx, current, status) => {
        if (status === 'rejected' && current.kind === 'wish') await releaseIn(tx, current, poster, settings, by, now)
        if (!pays) return
        credited = await creditIn(tx, current, paid, payee, settings, by, now)
        return credited ? { credit: { key: credited._id, tenths: credited.delta, residentId: credited.residentId } } : {}
      }),
    )
    const entry = credited as LedgerRecord | null
    if (entry) await projectEntry(ctx.db, entry._id)
    ctx.audit({ target: { type: 'voice', id: seen._id }, before: { status: seen.status }, after: { kind: seen.kind, title: seen.title, status: saved.status, ...(saved.credit ? { credited: saved.credit.tenths / 10 } : {}) } })
    await notifyPeople(ctx.db, saved, decision, input.note, now)
    if (decision === 'publish') await notifyTakers(ctx.db, saved, now)
    return { post: toVoice(saved, ctx, { supported: false, now }) }
  },
})

export const actions = { post, list, get, reply, support, decide, ...wishActions, ...reportActions }

export const main = defineFunction('voices', actions)
