/**
 * Listings of the 红黑榜 as stored, and what a confirmed one does beside its end: carried out (applyListing) a
 * black-list entry deducts its points (at most what each account holds) and suspends everyone it concerns until its
 * `until`, a red one awards its bonus; ended by the timer (expireListings), the suspension is over. Statuses come
 * from the listing table (src/core/listings).
 */
import type { Settings } from '../../src/core/governance'
import { type ListingStatus, nextListingStatus } from '../../src/core/listings'
import { inZone, monthKey } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import type { ScreeningRecord } from '../../src/core/screening'
import { type Db, transaction } from './cloud'
import type { MemberCtx } from './handler'
import { postEntry, projectEntry, readAccount, residentAccountId, walletOf, writeAccount } from './ledger'
import type { ResidentRecord } from './org'
import { enqueue, send } from './outbox'
import { placementOf } from './people'
import { readSettings } from './settings'

export interface ListingRecord {
  _id: string
  communityId: string
  list: 'black' | 'red'
  target: 'resident' | 'household'
  residentId?: string
  householdId: string
  /** Everyone it concerns: the resident, or each member of the household. */
  residentIds: string[]
  name: string
  courtyardId: string
  courtyardName: string
  gridId: string
  reason: string
  pointsTenths: number
  status: ListingStatus
  proposedBy: string
  proposedByName: string
  proposedAt: string
  confirmedBy?: string
  confirmedAt?: string
  from?: string
  until?: string
  /** The reason went through unchecked by the platform (see core/screening). */
  screening?: ScreeningRecord
}

/** The months after `from`, the same day (a suspension of 3 months from 11-29 ends 02-28 or 03-01 as the calendar has it). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime())
  d.setUTCMonth(d.getUTCMonth() + months)
  return d
}

/**
 * Carries out a confirmed listing for one resident, once (its entry key names the listing and the resident):
 * a black one deducts (at most what the account holds) and suspends; a red one awards its bonus.
 */
async function applyTo(db: Db, listing: ListingRecord, resident: ResidentRecord, at: Date, by: { openid: string; name: string }, settings: Settings, withPoints: boolean): Promise<string | null> {
  const placement = await placementOf(db, resident)
  const accountId = walletOf(placement, settings.householdWallet)
  const key = `listing:${listing._id}:${resident._id}`
  return transaction(db, async (tx) => {
    let entryId: string | null = null
    const done = (await tx.collection('ledger').doc(key).get()).data
    if (!done && withPoints && listing.pointsTenths > 0) {
      const account = await readAccount(tx, accountId)
      const black = listing.list === 'black'
      const entry = await postEntry(
        tx,
        { key, accountId, delta: black ? -listing.pointsTenths : listing.pointsTenths, kind: black ? 'deduction' : 'credit', source: { type: 'listing', id: listing._id }, operator: by.openid, operatorName: by.name, note: `${black ? '黑榜' : '红榜'}：${listing.reason}` },
        placement,
        at,
        { account, clampAtZero: black, ...(!black && settings.settlement === 'monthly' ? { pendingMonth: monthKey(at) } : {}) },
      )
      entryId = entry._id
    }
    if (listing.list === 'black' && listing.until) {
      // The suspension lives on the resident's own account, which every exchange reads (a read here sees this
      // transaction's own write above, when that was the same account).
      const own = residentAccountId(resident._id)
      const current = await readAccount(tx, own)
      const until = current?.suspendedUntil && current.suspendedUntil > listing.until ? current.suspendedUntil : listing.until
      await writeAccount(tx, own, current, { suspendedUntil: until, updatedAt: at.toISOString() }, { communityId: listing.communityId, residentId: resident._id, householdId: resident.householdId })
      // And on the resident, so that user.me (every page's first call) can say so without another read.
      await tx.collection('residents').doc(resident._id).update({ suspendedUntil: until })
    }
    return entryId
  })
}

/** Carries a confirmed listing out for everyone it concerns; with the household wallet, a household's points move once. */
export async function applyListing(ctx: MemberCtx, listing: ListingRecord, at: Date): Promise<void> {
  const settings = await readSettings(ctx.db, listing.communityId)
  const told: string[] = []
  for (const [i, residentId] of listing.residentIds.entries()) {
    const resident = ((await ctx.db.collection('residents').doc(residentId).get()).data as ResidentRecord[])[0]
    if (!resident) continue
    const withPoints = !settings.householdWallet || i === 0
    const entryId = await applyTo(ctx.db, listing, resident, at, { openid: ctx.openid, name: ctx.user.name }, settings, withPoints)
    if (entryId) await projectEntry(ctx.db, entryId)
    if (resident.openid) told.push(resident.openid)
  }
  // Each person it concerns is told (someone without a phone has no WeChat to tell).
  const black = listing.list === 'black'
  const name = black ? '黑榜' : '红榜'
  const points = listing.pointsTenths > 0 ? `${black ? '扣' : '加'} ${fromTenths(listing.pointsTenths)} 分` : ''
  const until = black && listing.until ? `暂停兑换到 ${inZone(listing.until).format('YYYY年M月D日')}` : ''
  const ids = await enqueue(
    ctx.db,
    told.map((openid) => ({
      to: openid,
      kind: 'listing' as const,
      title: `您被列入${name}`,
      body: [listing.reason, points, until].filter(Boolean).join('；').slice(0, 60),
      page: 'pages-governance/lists/index',
      fields: { list: name, reason: listing.reason, points, ...(listing.until && black ? { until: listing.until } : {}) },
    })),
    at,
  )
  await send(ctx.db, ids)
}

/**
 * The end of a black-list entry, the timer's step after the fact: every confirmed one whose `until` has come is marked
 * expired (the accounts' own dates already let its people exchange again). One update of them all; answers how many.
 */
export async function expireListings(db: Db, now: Date): Promise<number> {
  const _ = db.command
  const from: ListingStatus = 'confirmed'
  const answer = await db.collection('listings').where({ status: from, list: 'black', until: _.lte(now.toISOString()) }).update({ status: nextListingStatus(from, 'expire'), expiredAt: now.toISOString() })
  return (answer as { updated?: number }).updated ?? 0
}
