/**
 * 注销 (deleting a member's data), carried out by the community's admin from the member's own request (user.requestDeletion).
 * The admin does it rather than the app at once: the office knows the person, can talk it through with an older resident
 * who tapped by mistake, and the act is on the audit log.
 *
 * What it does: the account (users) is removed, so the WeChat account is no longer linked and can do nothing more; the
 * resident record is anonymised (name → 已注销居民; birth year, party fields, openid removed; status 'deleted'); unused
 * vouchers are returned with their points refunded (the existing cancel path); claims still under review are withdrawn;
 * claims' place, description and photos, and objections' reasons and photos, are cleared and the photo files deleted
 * (the uploads and their pinned copies);
 * messages waiting for them are removed. Their name is replaced wherever it was copied (ledger entries, scores, frozen
 * rankings, lists, vouchers; their household's name when it is theirs alone).
 * What it keeps: every ledger entry, whole — the month digests cover each entry's id, account, amount, kind, source,
 * operator and time, so nothing hashed is changed and `governance.verify` stays valid; only the names copied beside
 * them (not hashed) change. The audit log of official acts is kept as it is.
 * Each step can run again without harm, and the request stays pending until the last: if anything fails half way, the
 * admin taps 处理 again and it finishes.
 */
import { nextStatus, stepOf } from '../../src/core/claims'
import type { HistoryItem } from '../../src/core/claim-input'
import { DomainError } from '../../src/core/errors'
import { DELETED_NAME } from '../../src/core/names'
import { deletionRequestsInput, processDeletionInput } from '../../src/core/org.schema'
import type { DeletionOutcome } from '../../src/core/privacy'
import { type ClaimRecord, countedThisMonth, setCounted } from '../claims/records'
import type { ObjectionRecord } from '../governance/objections'
import { releasePlace } from '../activities/attend'
import type { SignupRecord } from '../activities/records'
import { forgetVoices } from '../voices/privacy'
import { cloudApp, type Db, readAll, transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import type { MonthRecord } from '../_shared/months'
import { getNode } from '../_shared/org'
import { closeVoucher } from '../_shared/exchange'
import type { VoucherRecord } from '../_shared/vouchers'
import { type DeletionRequestRecord, type PrivateResident, getDeletionRequest, toDeletionRequest } from '../user/privacy'

/** 注销申请 of the admin's community, oldest first: those waiting (default), or those carried out. */
export const deletionRequests = action({
  input: deletionRequestsInput,
  access: ['admin'],
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const rows = (await ctx.db.collection('deletionRequests').where({ communityId, status: input.status ?? 'pending' }).orderBy('requestedAt', 'asc').limit(200).get()).data as DeletionRequestRecord[]
    return { items: rows.map(toDeletionRequest) }
  },
})

/** 办理注销 (the admin of the member's community; never their own request). */
export const processDeletion = action({
  input: processDeletionInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<DeletionOutcome> => {
    const communityId = administeredCommunity(ctx)
    const request = await getDeletionRequest(ctx, input.deletionId)
    if (!request || request.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这份注销申请')
    if (request.status === 'done' || !request.openid) throw new DomainError('INPUT.INVALID', '这份注销申请已经办理过了')
    if (request.openid === ctx.openid) throw new DomainError('AUTH.FORBIDDEN', '不能办理自己的注销申请，请另一位工作小组成员办理')
    const outcome = await carryOut(ctx, { ...request, openid: request.openid })
    // The log names the request and what was done, never the person.
    const { request: _done, ...counts } = outcome
    ctx.audit({ target: { type: 'deletion', id: request._id }, before: { status: 'pending' }, after: { status: 'done', ...counts } })
    return outcome
  },
})

const OPEN = new Set(['submitted', 'pre_approved', 'returned'])

async function carryOut(ctx: MemberCtx, request: DeletionRequestRecord & { openid: string }): Promise<DeletionOutcome> {
  const { db } = ctx
  const _ = db.command
  const { openid } = request
  const now = ctx.now()
  const at = now.toISOString()
  const communityId = request.communityId!
  const residentId = request.residentId
  const by = { by: ctx.openid, byName: ctx.user.name, at: now }

  // 1. The account and the resident record together: from here on the WeChat account is no one here.
  const original = await transaction(db, async (tx) => {
    await tx.collection('users').doc(openid).remove()
    if (!residentId) return null
    const resident = ((await tx.collection('residents').doc(residentId).get()).data ?? null) as PrivateResident | null
    if (!resident) return null
    const { _id: _ignored, birthYear: _b, partyMember: _p, partyUnit: _u, joinedWith: _j, openid: _o, ...kept } = resident
    await tx.collection('residents').doc(residentId).set({ ...kept, name: DELETED_NAME, openid: null, hasPhone: false, status: 'deleted', deletedAt: at })
    return resident
  })
  // On a second run the record is anonymised already; the household check below then uses what the request kept.
  const formerName = original && original.name !== DELETED_NAME ? original.name : request.name

  let vouchersCancelled = 0
  let claimsWithdrawn = 0
  // 2. Unused vouchers go back, points refunded and stock restored, each in its own transaction (the cancel path).
  if (residentId) {
    for (const v of await readAll<VoucherRecord>(db, 'vouchers', { residentId, status: 'issued' })) {
      await transaction(db, (tx) => closeVoucher(tx, v._id, { event: 'cancel', refund: true, ...by }))
      vouchersCancelled++
    }
    // Places at activities still to come go back (the 取消报名 path); those begun or attended stay as the sheet has them.
    for (const s of await readAll<SignupRecord>(db, 'activitySignups', { residentId, status: 'signed' })) {
      await transaction(db, (tx) => releasePlace(tx, db, s.activityId, residentId, now)).catch((e) => {
        if (!(e instanceof DomainError)) throw e
      })
    }
  }

  // 3. The photo files of their claims and objections, before anything forgets them (a second run still finds them):
  // each upload and its pinned copy (evidence.ts; a copy belongs to its one record, so no one else's claim loses it).
  const claims = residentId ? await readAll<ClaimRecord>(db, 'claims', { residentId }) : []
  const objections = await readAll<ObjectionRecord>(db, 'objections', { objector: openid })
  const records = [...claims, ...objections]
  const photoCount = records.reduce((n, r) => n + r.photos.length, 0)
  const files = [...new Set(records.flatMap((r) => [...r.photos, ...(r.pinned ?? [])]))]
  for (let i = 0; i < files.length; i += 50) await cloudApp().deleteFile({ fileList: files.slice(i, i + 50) })

  // 4. Claims: one still under review is withdrawn (its monthly count freed, as a withdrawal does); every one loses
  // its free text, photos and the person's name.
  for (const seen of claims) {
    const withdrew = await transaction(db, async (tx) => {
      const current = ((await tx.collection('claims').doc(seen._id).get()).data ?? null) as ClaimRecord | null
      if (!current) return false
      const open = OPEN.has(current.status)
      const history: HistoryItem[] = current.history.map((h) => (h.by === openid ? { ...h, byName: DELETED_NAME } : h))
      if (open) {
        if (current.counted) await setCounted(tx, current, (await countedThisMonth(tx, current)) - 1)
        history.push({ at, by: ctx.openid, byName: ctx.user.name, step: 'resident', decision: 'withdraw', reason: '居民注销' })
      }
      const status = open ? nextStatus(current.status, 'withdraw') : current.status
      await tx.collection('claims').doc(current._id).update({
        status,
        step: stepOf(status),
        counted: open ? false : current.counted,
        place: '',
        description: '',
        photos: [],
        pinned: [],
        photoHashes: [],
        duplicates: [],
        residentName: DELETED_NAME,
        residentOpenid: null,
        history,
        updatedAt: at,
      })
      return open
    })
    if (withdrew) claimsWithdrawn++
  }
  const claimIds = claims.map((c) => c._id)
  for (let i = 0; i < claimIds.length; i += 100) {
    const ids = claimIds.slice(i, i + 100)
    // Their photos' fingerprints go with the photos; other claims stop naming them as a photo's first user.
    await db.collection('photoHashes').where({ claimId: _.in(ids) }).remove()
    // And the platform's checks of those photos, which name the file and the uploader.
    await db.collection('contentChecks').where({ 'target.id': _.in(ids) }).remove()
    for (const other of await readAll<ClaimRecord>(db, 'claims', { communityId, 'duplicates.claimId': _.in(ids) })) {
      const duplicates = other.duplicates.map((d) => (ids.includes(d.claimId) ? { ...d, residentName: DELETED_NAME } : d))
      await db.collection('claims').doc(other._id).update({ duplicates })
    }
  }

  // 5. Objections they made: the reason and photos go (the admin's decision and the entry stay).
  if (objections.length) {
    await db.collection('objections').where({ objector: openid }).update({ reason: '', photos: [], pinned: [], objectorName: DELETED_NAME })
    const objectionIds = objections.map((o) => o._id)
    for (let i = 0; i < objectionIds.length; i += 100) await db.collection('contentChecks').where({ 'target.id': _.in(objectionIds.slice(i, i + 100)) }).remove()
  }

  // 6. Their name wherever it was copied. Nothing here is covered by a month's digest (see canonicalEntry).
  if (residentId) await renameResident(db, communityId, residentId, openid)
  if (residentId && original) await renameOwnHousehold(db, communityId, original, formerName)

  // 6b. 说事: open wishes withdrawn (held points back), their posts' words, photos and name gone, their 附议 removed.
  const voices = await forgetVoices(db, openid, { openid: ctx.openid, name: ctx.user.name }, now)
  for (let i = 0; i < voices.files.length; i += 50) await cloudApp().deleteFile({ fileList: voices.files.slice(i, i + 50) })

  // 7. What waits to be sent to them, and the clerk invite that names them.
  await db.collection('outbox').where({ to: openid }).remove()
  await db.collection('invites').where({ communityId, usedBy: openid }).update({ usedBy: _.remove() })

  // 8. Done: the request keeps that it was carried out, when and by whom — not who asked.
  await db.collection('deletionRequests').doc(request._id).update({ status: 'done', processedAt: at, processedBy: ctx.openid, name: DELETED_NAME, openid: _.remove() })
  return {
    request: toDeletionRequest({ ...request, status: 'done', name: DELETED_NAME, processedAt: at }),
    vouchersCancelled,
    claimsWithdrawn,
    claimsCleared: claims.length,
    photosDeleted: photoCount,
    objectionsCleared: objections.length,
  }
}

/**
 * The resident's name in the copies kept beside their records: ledger entries, accounts, scores, rankings, lists, deductions,
 * vouchers, activity sign-ups and teams (and the WeChat account on their lesson answers).
 */
async function renameResident(db: Db, communityId: string, residentId: string, openid: string): Promise<void> {
  const anon = DELETED_NAME
  await db.collection('ledger').where({ residentId }).update({ residentName: anon })
  // Their own acts on their own account (an exchange); an official's acts on others keep the official's name.
  await db.collection('ledger').where({ residentId, operator: openid }).update({ operatorName: anon })
  await db.collection('accounts').where({ communityId, 'placement.residentId': residentId }).update({ 'placement.residentName': anon })
  await db.collection('accounts').where({ communityId, level: 'resident', nodeId: residentId }).update({ name: anon })
  await db.collection('vouchers').where({ residentId }).update({ residentName: anon, 'placement.residentName': anon, openid: db.command.remove() })
  await db.collection('listings').where({ communityId, residentId, target: 'resident' }).update({ name: anon })
  await db.collection('deductions').where({ communityId, residentId }).update({ name: anon })
  // Activities: the sign-up sheets keep the attendance, not the name or the WeChat account; a team they lead, not their name.
  await db.collection('activitySignups').where({ communityId, residentId }).update({ name: anon, openid: null })
  await db.collection('teams').where({ communityId, leaderId: residentId }).update({ leaderName: anon })
  // Lessons: the answers kept per request hold the WeChat account that answered.
  await db.collection('lessonAnswers').where({ residentId }).update({ openid: db.command.remove() })
  await db.collection('objections').where({ communityId, 'entry.residentId': residentId }).update({ 'entry.name': anon })
  await renameInRankings(db, communityId, 'resident', residentId, anon)
}

/**
 * A household named after the person (张秀英家, made when they joined) and with nobody else left in it is renamed too:
 * its name is theirs. A family's household with others in it keeps its name.
 */
async function renameOwnHousehold(db: Db, communityId: string, resident: PrivateResident, formerName: string): Promise<void> {
  const household = await getNode(db, resident.householdId)
  if (!household || household.name !== `${formerName}家`) return
  const others = (await db.collection('residents').where({ householdId: household._id }).limit(100).get()).data as PrivateResident[]
  if (others.some((r) => r._id !== resident._id && r.status !== 'deleted')) return
  const anon = `${DELETED_NAME}家`
  const householdId = household._id
  await db.collection('orgNodes').doc(householdId).update({ name: anon })
  await db.collection('ledger').where({ householdId }).update({ householdName: anon })
  await db.collection('claims').where({ communityId, householdId }).update({ householdName: anon })
  await db.collection('accounts').where({ communityId, 'placement.householdId': householdId }).update({ 'placement.householdName': anon })
  await db.collection('accounts').where({ communityId, level: 'household', nodeId: householdId }).update({ name: anon })
  await db.collection('listings').where({ communityId, householdId, target: 'household' }).update({ name: anon })
  await renameInRankings(db, communityId, 'household', householdId, anon)
}

/** The rankings frozen with each closed month (and again when final): the row of this resident or household. */
async function renameInRankings(db: Db, communityId: string, level: 'resident' | 'household', id: string, name: string): Promise<void> {
  const months = await readAll<MonthRecord>(db, 'months', { communityId })
  for (const m of months) {
    const changes: Partial<Pick<MonthRecord, 'rankings' | 'finalRankings'>> = {}
    for (const key of ['rankings', 'finalRankings'] as const) {
      const rankings = m[key]
      if (!rankings?.[level]?.some((r) => r.id === id)) continue
      changes[key] = { ...rankings, [level]: rankings[level].map((r) => (r.id === id ? { ...r, name } : r)) }
    }
    if (Object.keys(changes).length) await db.collection('months').doc(m._id).update(changes)
  }
}
