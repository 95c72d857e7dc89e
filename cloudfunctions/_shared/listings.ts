/**
 * Listings of the 红黑榜 as stored, and what a confirmed one does beside its end: carried out (carryOut) a
 * black-list entry deducts its points (at most what each account holds) and suspends everyone it concerns until its
 * `until`, a red one awards its bonus, and each person concerned is told; undone (undo: revoked by the admin, or an
 * objection upheld) what it deducted or awarded is reversed, the suspension ends at once and each person is told;
 * ended by the timer (expireListings), the suspension is over. Both carryOut and undo run inside the transaction
 * that changes the listing's status (with the notices, as outbox messages), so a confirmed listing is never left
 * without its effects, nor a revoked one with them. Statuses come from the listing table (src/core/listings).
 */
import type { Settings } from '../../src/core/governance'
import { reversalOf } from '../../src/core/ledger'
import { type ListingStatus, nextListingStatus } from '../../src/core/listings'
import { inZone, monthKey } from '../../src/core/period'
import { formatPoints, fromTenths } from '../../src/core/points'
import type { ScreeningRecord } from '../../src/core/screening'
import { type Db, type Transaction, readAll } from './cloud'
import { type LedgerRecord, type Placement, correctionAccount, pendingOfCorrection, pickPlacement, postEntry, projectEntry, readAccount, residentAccountId, walletOf, writeAccount } from './ledger'
import type { ResidentRecord } from './org'
import { enqueueIn, send } from './outbox'
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
  /** Revoked (status `revoked`): by whom, when, why, and the objection whose uphold revoked it (if one did). */
  revokedBy?: string
  revokedByName?: string
  revokedAt?: string
  revokeReason?: string
  revokedFor?: string
}

/** The months after `from`, the same day (a suspension of 3 months from 11-29 ends 02-28 or 03-01 as the calendar has it). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime())
  d.setUTCMonth(d.getUTCMonth() + months)
  return d
}

/** Who a listing concerns, read before its transaction: each resident, where they stand, and the wallet its points move on. */
export interface Concerned {
  resident: ResidentRecord
  placement: Placement
  accountId: string
  /** With the household wallet, a household's points move once (on its first member). */
  withPoints: boolean
}

/** The people a listing concerns (and the community's settings), read before the transaction that carries it out or undoes it. */
export async function concernedOf(db: Db, listing: ListingRecord): Promise<{ people: Concerned[]; settings: Settings }> {
  const settings = await readSettings(db, listing.communityId)
  const people: Concerned[] = []
  for (const [i, residentId] of listing.residentIds.entries()) {
    const resident = ((await db.collection('residents').doc(residentId).get()).data as ResidentRecord[])[0]
    if (!resident) continue
    const placement = await placementOf(db, resident)
    people.push({ resident, placement, accountId: walletOf(placement, settings.householdWallet), withPoints: !settings.householdWallet || i === 0 })
  }
  return { people, settings }
}

/** The key of a listing's entry for one resident: what it deducted or awarded them (at most once). */
export const listingEntryKey = (listingId: string, residentId: string) => `listing:${listingId}:${residentId}`

/** What a listing's entries actually moved, in tenths (a deduction as a positive amount): the ledger's word, not the points asked for. */
export const appliedTenths = (entries: Pick<LedgerRecord, 'delta' | 'kind'>[]): number => Math.abs(entries.filter((e) => e.kind !== 'reversal').reduce((sum, e) => sum + e.delta, 0))

/** What each listing's entries moved (tenths), from the ledger: one read for all of them. */
export async function appliedOf(db: Db, listingIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (listingIds.length === 0) return out
  const _ = db.command
  const entries: LedgerRecord[] = []
  for (let i = 0; i < listingIds.length; i += 100) {
    const ids = listingIds.slice(i, i + 100)
    entries.push(...(await readAll<LedgerRecord>(db, 'ledger', { 'source.type': 'listing', 'source.id': ids.length === 1 ? ids[0] : _.in(ids) })))
  }
  for (const id of listingIds) out.set(id, appliedTenths(entries.filter((e) => e.source.id === id)))
  return out
}

const listName = (listing: Pick<ListingRecord, 'list'>) => (listing.list === 'black' ? '黑榜' : '红榜')

/**
 * Carries out a confirmed listing inside `tx`, the transaction that confirms it: for each person, a black one deducts
 * (at most what the account holds; an entry key names the listing and the resident, so it happens once) and suspends;
 * a red one awards its bonus; and each person with WeChat is told what was actually deducted or awarded (outbox).
 * Answers the entries posted, what they moved, and the messages to send after the commit.
 */
export async function carryOut(tx: Transaction, listing: ListingRecord, people: Concerned[], settings: Settings, at: Date, by: { openid: string; name: string }): Promise<{ entries: LedgerRecord[]; appliedTenths: number; messages: string[] }> {
  const black = listing.list === 'black'
  const entries: LedgerRecord[] = []
  const moved: LedgerRecord[] = []
  for (const { resident, placement, accountId, withPoints } of people) {
    const key = listingEntryKey(listing._id, resident._id)
    const done = ((await tx.collection('ledger').doc(key).get()).data ?? null) as LedgerRecord | null
    if (done) moved.push(done)
    else if (withPoints && listing.pointsTenths > 0) {
      const account = await readAccount(tx, accountId)
      const entry = await postEntry(
        tx,
        { key, accountId, delta: black ? -listing.pointsTenths : listing.pointsTenths, kind: black ? 'deduction' : 'credit', source: { type: 'listing', id: listing._id }, operator: by.openid, operatorName: by.name, note: `${listName(listing)}：${listing.reason}` },
        placement,
        at,
        { account, clampAtZero: black, ...(!black && settings.settlement === 'monthly' ? { pendingMonth: monthKey(at) } : {}) },
      )
      entries.push(entry)
      moved.push(entry)
    }
    if (black && listing.until) {
      // The suspension lives on the resident's own account, which every exchange reads (a read here sees this
      // transaction's own write above, when that was the same account).
      const own = residentAccountId(resident._id)
      const current = await readAccount(tx, own)
      const until = current?.suspendedUntil && current.suspendedUntil > listing.until ? current.suspendedUntil : listing.until
      await writeAccount(tx, own, current, { suspendedUntil: until, updatedAt: at.toISOString() }, { communityId: listing.communityId, residentId: resident._id, householdId: resident.householdId })
      // And on the resident, with the entry that holds it and why, so that user.me (every page's first call) can say so without another read.
      const stored = ((await tx.collection('residents').doc(resident._id).get()).data ?? null) as ResidentRecord | null
      const suspension = until === listing.until || !stored?.suspension ? { listingId: listing._id, reason: listing.reason } : stored.suspension
      if (stored) {
        const { _id, ...rest } = stored
        await tx.collection('residents').doc(_id).set({ ...rest, suspendedUntil: until, suspension })
      }
    }
  }
  const applied = appliedTenths(moved)
  // Each person it concerns is told what was actually done (someone without a phone has no WeChat to tell).
  const points = listing.pointsTenths > 0 ? `${black ? '扣' : '加'} ${formatPoints(fromTenths(applied))} 分` : ''
  const until = black && listing.until ? `暂停兑换到 ${inZone(listing.until).format('YYYY年M月D日')}` : ''
  const messages = await enqueueIn(
    tx,
    people
      .filter((p) => !!p.resident.openid)
      .map(({ resident }) => ({
        _id: `listing:${listing._id}:${resident._id}`,
        to: resident.openid!,
        kind: 'listing' as const,
        title: `您被列入${listName(listing)}`,
        body: [listing.reason, points, until].filter(Boolean).join('；').slice(0, 60),
        page: 'pages-governance/lists/index',
        fields: { list: listName(listing), reason: listing.reason, points, ...(listing.until && black ? { until: listing.until } : {}) },
      })),
    at,
  )
  return { entries, appliedTenths: applied, messages }
}

/** The black-list entries in force now in a community: what keeps a person suspended when one of them is undone. */
export async function blackListingsInForce(db: Db, communityId: string, at: Date): Promise<ListingRecord[]> {
  const _ = db.command
  return readAll<ListingRecord>(db, 'listings', { communityId, list: 'black', status: 'confirmed', until: _.gt(at.toISOString()) })
}

/**
 * Undoes a listing inside `tx` (the caller has checked the listing table allows `revoke`, and writes the listing's
 * own status): for each person, the entry it wrote is reversed (once: the reversal's key names the entry; a 0-point
 * deduction has nothing to reverse) on the wallet that pays now, and a black one's suspension ends at once — unless
 * another black-list entry in force (`others`) keeps them suspended until its end. Each person is told (outbox).
 */
export async function undo(
  tx: Transaction,
  listing: ListingRecord,
  people: Concerned[],
  others: ListingRecord[],
  settings: Settings,
  at: Date,
  by: { openid: string; name: string },
  reason: string,
): Promise<{ entries: LedgerRecord[]; returnedTenths: number; messages: string[] }> {
  const iso = at.toISOString()
  const entries: LedgerRecord[] = []
  let applied = 0
  for (const { resident } of people) {
    const entry = ((await tx.collection('ledger').doc(listingEntryKey(listing._id, resident._id)).get()).data ?? null) as LedgerRecord | null
    if (entry && entry.delta !== 0) {
      applied += entry.delta
      const accountId = correctionAccount(entry, settings.householdWallet)
      const draft = reversalOf({ key: entry._id, accountId, delta: entry.delta, source: entry.source }, by.openid)
      const done = ((await tx.collection('ledger').doc(draft.key).get()).data ?? null) as LedgerRecord | null
      if (!done) {
        const account = await readAccount(tx, accountId)
        entries.push(
          await postEntry(tx, { ...draft, operatorName: by.name, note: `${listName(listing)}撤销：${reason}` }, pickPlacement(entry), at, {
            account,
            clampAtZero: true,
            scoreMonth: entry.scoreMonth ?? entry.month,
            ...pendingOfCorrection(entry, account),
          }),
        )
      }
    }
    if (listing.list === 'black') {
      const holding = others
        .filter((o) => o._id !== listing._id && o.residentIds.includes(resident._id) && (o.until ?? '') > iso)
        .reduce<ListingRecord | undefined>((max, o) => (!max || o.until! > max.until! ? o : max), undefined)
      const still = holding?.until
      // Ends now (the date is removed from the account and the resident), or lasts to the end of the entry that still holds.
      const own = residentAccountId(resident._id)
      const current = await readAccount(tx, own)
      if (current?.suspendedUntil) {
        const { suspendedUntil: _ended, ...rest } = current
        await writeAccount(tx, own, rest, { ...(still ? { suspendedUntil: still } : {}), updatedAt: iso })
      }
      const stored = ((await tx.collection('residents').doc(resident._id).get()).data ?? null) as ResidentRecord | null
      if (stored?.suspendedUntil) {
        const { _id, suspendedUntil: _ended, suspension: _why, ...rest } = stored
        await tx.collection('residents').doc(_id).set(holding ? { ...rest, suspendedUntil: holding.until, suspension: { listingId: holding._id, reason: holding.reason } } : rest)
      }
    }
  }
  const returned = Math.abs(applied)
  const black = listing.list === 'black'
  const points = returned > 0 ? `${black ? '退回' : '收回'} ${formatPoints(fromTenths(returned))} 分` : ''
  const messages = await enqueueIn(
    tx,
    people
      .filter((p) => !!p.resident.openid)
      .map(({ resident }) => ({
        _id: `listing-revoked:${listing._id}:${resident._id}`,
        to: resident.openid!,
        kind: 'listing_revoked' as const,
        title: `您的${listName(listing)}记录已撤销`,
        body: [reason, points, black ? '已恢复兑换' : ''].filter(Boolean).join('；').slice(0, 60),
        page: 'pages-governance/lists/index',
        fields: { list: listName(listing), reason, points },
      })),
    at,
  )
  return { entries, returnedTenths: returned, messages }
}

/** After the commit: the posted entries go into the scores (jobs does it later if this stops), the notices are sent. */
export async function afterCommit(db: Db, done: { entries: LedgerRecord[]; messages: string[] }): Promise<void> {
  for (const e of done.entries) await projectEntry(db, e._id)
  await send(db, done.messages)
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
