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
}

export const residentAccountId = (residentId: string) => `res:${residentId}`

/**
 * Posts one entry inside `tx` (three requests: read the account, write the entry, write the account).
 * The entry's `_id` is its idempotency key; the caller has already made sure (under the same
 * transaction) that the event it records happens once.
 */
export async function postEntry(
  tx: Transaction,
  draft: EntryDraft & { operatorName: string; note?: string },
  placement: Placement,
  at: Date,
  options: { clampAtZero?: boolean } = {},
): Promise<LedgerRecord> {
  const account = ((await tx.collection('accounts').doc(draft.accountId).get()).data ?? null) as AccountRecord | null
  const { delta, balanceAfter } = planEntry(account?.balanceTenths ?? 0, draft, options)
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
    at: iso,
    month: monthKey(at),
    year: yearKey(at),
    balanceAfter,
    projected: false,
  }
  // Written with its key as _id: a second entry with the same key is refused by the database itself.
  await tx.collection('ledger').add(entry)
  const accountFields = {
    kind: 'resident' as const,
    communityId: placement.communityId,
    ownerId: placement.residentId,
    balanceTenths: balanceAfter,
    pendingTenths: account?.pendingTenths ?? 0,
    updatedAt: iso,
  }
  await tx.collection('accounts').doc(draft.accountId).set(accountFields)
  return entry
}

export type Level = 'resident' | 'household' | 'courtyard' | 'grid' | 'community'
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
    if (entry.kind !== 'debit' && !(entry.kind === 'reversal' && entry.source.type === 'voucher')) {
      const nodes: [Level, string, string][] = [
        ['resident', entry.residentId, entry.residentName],
        ['household', entry.householdId, entry.householdName],
        ['courtyard', entry.courtyardId, entry.courtyardName],
        ['grid', entry.gridId, ''],
        ['community', entry.communityId, ''],
      ]
      for (const period of [entry.month, entry.year]) {
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
