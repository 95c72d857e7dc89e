/**
 * Posting to the ledger inside a CloudBase transaction, and projecting posted entries onto the period
 * scores that rankings read. The rule itself (signs, no negative balance, reversals) is the core's
 * `planEntry`; this file is where it meets the database.
 */
import { type EntryDraft, planEntry } from '../../src/core/ledger'
import { monthKey, yearKey } from '../../src/core/period'
import type { Db, Transaction } from './cloud'
import { transaction } from './cloud'

export interface Placement {
  communityId: string
  gridId: string
  courtyardId: string
  householdId: string
  residentId: string
  residentName: string
  householdName: string
  courtyardName: string
}

export interface AccountRecord {
  _id: string
  kind: 'resident' | 'household'
  communityId: string
  ownerId: string
  balanceTenths: number
  pendingTenths: number
  updatedAt: string
  /** Where the owner stands (copied by every posting), so that spending needs no other read. */
  placement?: Placement
  /** How many vouchers of each offer the owner holds or has used (issued + redeemed): the per-resident limit. */
  offerCounts?: Record<string, number>
  /** Set by a black-list entry: no exchange before then. */
  suspendedUntil?: string
  /** Monthly settlement: approved points of each month waiting for its publicity to end, and those months. */
  pendingByMonth?: Record<string, number>
  pendingMonths?: string[]
  /**
   * Points of the balance held for the owner's wishes (心愿定制): still theirs, not spendable. Nothing but the wish's
   * own transfer (`postEntry`'s `release`) takes them; every other entry sees `balanceTenths - heldTenths`.
   */
  heldTenths?: number
}

export interface LedgerRecord extends Placement {
  _id: string
  accountId: string
  delta: number
  kind: EntryDraft['kind']
  source: EntryDraft['source']
  operator: string
  operatorName: string
  reverses?: string
  note?: string
  at: string
  month: string
  year: string
  balanceAfter: number
  /** Whether the entry has been added to the period scores yet. */
  projected: boolean
  /** `<communityId>|<month>`: what a month's close reads, in `_id` order. */
  communityMonth: string
  /** A correction of an earlier month's entry counts in that month's scores. */
  scoreMonth?: string
  /** Monthly settlement: the entry went into the pending points of this month. */
  pendingMonth?: string
  /** For a claim's credit: the rule category, so the dashboard can add up points by category. */
  category?: { id: string; name: string }
}

export const residentAccountId = (residentId: string) => `res:${residentId}`
export const householdAccountId = (householdId: string) => `hh:${householdId}`

/** The account a resident earns into and spends from: their own, or their household's when the wallet is on. */
export const walletOf = (placement: Pick<Placement, 'residentId' | 'householdId'>, householdWallet: boolean) =>
  householdWallet ? householdAccountId(placement.householdId) : residentAccountId(placement.residentId)

/**
 * The account a correction of `entry` (a reversal, a refund) posts to: the wallet that pays *now*, from the
 * community's `householdWallet` read at correction time. Switching the wallet on or off moved the entry's points
 * to the other account; a correction on the old one would strand a refund where nobody sees or spends it, or find
 * nothing there to take back.
 */
export const correctionAccount = (entry: Pick<LedgerRecord, 'accountId' | 'residentId' | 'householdId'>, householdWallet: boolean) =>
  /^(res|hh):/.test(entry.accountId) ? walletOf(entry, householdWallet) : entry.accountId

/**
 * A correction of an entry whose month's points are still pending on `account` (monthly settlement) changes those
 * pending points, as the entry did, not the spendable balance; once the month is final, the balance.
 */
export const pendingOfCorrection = (entry: Pick<LedgerRecord, 'pendingMonth'>, account: AccountRecord | null): { pendingMonth?: string } =>
  entry.pendingMonth && account?.pendingByMonth?.[entry.pendingMonth] !== undefined ? { pendingMonth: entry.pendingMonth } : {}

/** Whether an entry counts in the period scores: spending, refunds of spending, and moves between a resident and their household's wallet do not. */
export const affectsScore = (e: Pick<EntryDraft, 'kind' | 'source'>) =>
  e.kind !== 'debit' && e.source.type !== 'wallet' && e.source.type !== 'transfer' && !(e.kind === 'reversal' && e.source.type === 'voucher')

/** What an account may spend: its balance less what is held for wishes. */
export const spendable = (a: Pick<AccountRecord, 'balanceTenths' | 'heldTenths'> | null | undefined): number => (a?.balanceTenths ?? 0) - (a?.heldTenths ?? 0)

/** Reads an account inside `tx`. */
export async function readAccount(tx: Transaction, accountId: string): Promise<AccountRecord | null> {
  return ((await tx.collection('accounts').doc(accountId).get()).data ?? null) as AccountRecord | null
}

/** Whose an account is: the community, and the resident or the household (by the account's id) it belongs to. */
export type AccountOwner = Pick<Placement, 'communityId' | 'residentId' | 'householdId'>

/**
 * The one way a resident's or a household's account is written, inside `tx`: what it held (`current`, as read in the
 * same transaction; null for a new one, which starts at zero) with `changes`. With `owner`, its kind, community and
 * owner are set from its id and the owner; without, they stay as they were. Postings, limit counts, suspensions and
 * released pending points all write through here.
 */
export async function writeAccount(tx: Transaction, accountId: string, current: AccountRecord | null, changes: Partial<Omit<AccountRecord, '_id'>>, owner?: AccountOwner): Promise<void> {
  const { _id: _ignored, ...kept } = current ?? ({} as Partial<AccountRecord>)
  const household = accountId.startsWith('hh:')
  await tx.collection('accounts').doc(accountId).set({
    balanceTenths: 0,
    pendingTenths: 0,
    ...kept,
    ...(owner ? { kind: household ? 'household' : 'resident', communityId: owner.communityId, ownerId: household ? owner.householdId : owner.residentId } : {}),
    ...changes,
  })
}

/**
 * Posts one entry inside `tx` (three requests: read the account, write the entry, write the account; two
 * when the caller has read the account already and passes it as `options.account`).
 * The entry's `_id` is its idempotency key; the caller has already made sure (under the same
 * transaction) that the event it records happens once. `options.accountFields` are written to the
 * account with the new balance (a voucher's count, say), in the same write.
 */
export async function postEntry(
  tx: Transaction,
  draft: EntryDraft & { operatorName: string; note?: string; category?: { id: string; name: string } },
  placement: Placement,
  at: Date,
  options: {
    clampAtZero?: boolean
    account?: AccountRecord | null
    accountFields?: Partial<AccountRecord>
    /** The entry changes the pending points of this month instead of the balance (monthly settlement). */
    pendingMonth?: string
    scoreMonth?: string
    /** Held points this entry takes (a wish's transfer to its taker): released from the hold and spent in one step. */
    release?: number
  } = {},
): Promise<LedgerRecord> {
  const account = options.account !== undefined ? options.account : await readAccount(tx, draft.accountId)
  const balance = account?.balanceTenths ?? 0
  const pendingMonth = options.pendingMonth
  const pendingByMonth = { ...(account?.pendingByMonth ?? {}) }
  let delta: number
  let balanceAfter = balance
  let pendingTenths = account?.pendingTenths ?? 0
  // Held points are out of every entry's reach but the one that releases them.
  const held = account?.heldTenths ?? 0
  const release = options.release ?? 0
  if (release < 0 || release > held || (release > 0 && pendingMonth)) throw new Error(`释放的冻结积分不对：冻结 ${held}，释放 ${release}`)
  if (pendingMonth) {
    const planned = planEntry(pendingByMonth[pendingMonth] ?? 0, draft, options)
    delta = planned.delta
    pendingTenths += delta
    if (planned.balanceAfter === 0) delete pendingByMonth[pendingMonth]
    else pendingByMonth[pendingMonth] = planned.balanceAfter
  } else {
    const planned = planEntry(balance - held + release, draft, options)
    delta = planned.delta
    balanceAfter = planned.balanceAfter + held - release
  }
  const iso = at.toISOString()
  const entry: LedgerRecord = {
    ...placement,
    _id: draft.key,
    accountId: draft.accountId,
    delta,
    kind: draft.kind,
    source: draft.source,
    operator: draft.operator,
    operatorName: draft.operatorName,
    ...(draft.reverses ? { reverses: draft.reverses } : {}),
    ...(draft.note ? { note: draft.note } : {}),
    ...(draft.category ? { category: draft.category } : {}),
    at: iso,
    month: monthKey(at),
    year: yearKey(at),
    balanceAfter,
    // Nothing to add to the scores: the entry is done with at once (no second transaction).
    projected: !affectsScore(draft),
    communityMonth: `${placement.communityId}|${monthKey(at)}`,
    ...(options.scoreMonth ? { scoreMonth: options.scoreMonth } : {}),
    ...(pendingMonth ? { pendingMonth } : {}),
  }
  // Written with its key as _id: a second entry with the same key is refused by the database itself.
  await tx.collection('ledger').add(entry)
  // The account keeps where its owner lives now: a posting about where they used to live (a claim filed before a move,
  // approved after it) does not take the account back there; one about the same household refreshes its names.
  const place = !account?.placement || account.placement.householdId === placement.householdId ? pickPlacement(placement) : account.placement
  await writeAccount(
    tx,
    draft.accountId,
    account,
    { balanceTenths: balanceAfter, pendingTenths, pendingByMonth, pendingMonths: Object.keys(pendingByMonth).sort(), updatedAt: iso, placement: place, ...(release ? { heldTenths: held - release } : {}), ...options.accountFields },
    placement,
  )
  return entry
}

const PLACEMENT_KEYS = ['communityId', 'gridId', 'courtyardId', 'householdId', 'residentId', 'residentName', 'householdName', 'courtyardName'] as const

/** Only the placement fields of a record that has more (a ledger entry passed as the placement of its reversal). */
export function pickPlacement(p: Placement): Placement {
  return Object.fromEntries(PLACEMENT_KEYS.map((k) => [k, p[k]])) as unknown as Placement
}

export type Level = 'resident' | 'household' | 'courtyard' | 'grid' | 'community' | 'category'
export const scoreBucket = (communityId: string, level: Level, period: string) => `${communityId}|${level}|${period}`
export const scoreId = (period: string, level: Level, nodeId: string) => `sc:${period}:${level}:${nodeId}`

/**
 * Adds a posted entry to the month and year scores of its resident, household, courtyard, grid and community,
 * once: the entry is marked projected in the same transaction. Spending (debits) never lowers a score.
 */
export async function projectEntry(db: Db, entryId: string): Promise<void> {
  await transaction(db, async (tx) => {
    const entry = ((await tx.collection('ledger').doc(entryId).get()).data ?? null) as LedgerRecord | null
    if (!entry || entry.projected) return
    if (affectsScore(entry)) {
      const nodes: [Level, string, string][] = [
        ['resident', entry.residentId, entry.residentName],
        ['household', entry.householdId, entry.householdName],
        ['courtyard', entry.courtyardId, entry.courtyardName],
        ['grid', entry.gridId, ''],
        ['community', entry.communityId, ''],
        ...(entry.category ? [['category', entry.category.id, entry.category.name] as [Level, string, string]] : []),
      ]
      const month = entry.scoreMonth ?? entry.month
      for (const period of [month, month.slice(0, 4)]) {
        for (const [level, nodeId, name] of nodes) {
          const id = scoreId(period, level, nodeId)
          const current = ((await tx.collection('accounts').doc(id).get()).data ?? null) as { scoreTenths: number } | null
          await tx.collection('accounts').doc(id).set({
            kind: 'score',
            communityId: entry.communityId,
            level,
            nodeId,
            name,
            period,
            bucket: scoreBucket(entry.communityId, level, period),
            scoreTenths: (current?.scoreTenths ?? 0) + entry.delta,
            updatedAt: entry.at,
          })
        }
      }
    }
    await tx.collection('ledger').doc(entryId).update({ projected: true })
  })
}
