/**
 * 扣分项 records (src/core/deductions.ts is their table) and the one way a passed one is undone: whoever reverses its
 * ledger entry — the admin's 冲正 (points.reverse) or an upheld objection (governance.resolve) — marks it revoked in the
 * same transaction, so the record and the ledger never disagree.
 */
import { type DeductionStatus, nextDeductionStatus } from '../../src/core/deductions'
import type { Transaction } from './cloud'
import type { ScreeningRecord } from '../../src/core/screening'

export interface DeductionRecord {
  _id: string
  communityId: string
  gridId: string
  courtyardId: string
  householdId: string
  residentId: string
  /** As the resident was named when it was recorded (a privacy deletion anonymises it). */
  name: string
  courtyardName: string
  item: string
  reason: string
  pointsTenths: number
  /** The uploads, as the app names them, and their pinned copies (evidence.ts): what is served. */
  photos: string[]
  pinned: string[]
  status: DeductionStatus
  recordedBy: string
  recordedByName: string
  recordedAt: string
  decidedBy?: string
  decidedByName?: string
  decidedAt?: string
  note?: string
  /** The ledger entry a pass wrote (its key, `deductionEntryKey`). */
  entryId?: string
  revokedAt?: string
  revokeReason?: string
  screening?: ScreeningRecord
}

/** The key of the one ledger entry a deduction writes when passed: it happens once, whatever the retries. */
export const deductionEntryKey = (deductionId: string) => `deduction:${deductionId}`

/**
 * Marks a passed deduction revoked inside `tx`, the transaction that reverses its entry (with the reason); one already
 * revoked stays as it is. Answers the record as it now stands, or null when there is none.
 */
export async function revokeDeductionIn(tx: Transaction, deductionId: string, at: string, reason: string): Promise<DeductionRecord | null> {
  const current = ((await tx.collection('deductions').doc(deductionId).get()).data ?? null) as DeductionRecord | null
  if (!current || current.status === 'revoked') return current
  const changes = { status: nextDeductionStatus(current.status, 'revoke'), revokedAt: at, revokeReason: reason }
  await tx.collection('deductions').doc(deductionId).update(changes)
  return { ...current, ...changes }
}
