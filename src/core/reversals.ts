/**
 * Which ledger entries the admin's bare 冲正 (`points.reverse`) may correct, by what the entry records: one table, as
 * the claim transitions are one table. An entry that is only one half of something bigger is never reversed on its
 * own — the whole is undone by its own action, which keeps the halves together:
 *  - a voucher's debit (and its refund) lives and dies with the voucher: reversing the debit alone would return the
 *    points while the voucher stays usable (free goods), and later make its cancel or expiry refund twice. It is
 *    corrected by cancelling the voucher (`shop.cancel`), which refunds, restocks and frees the limit together;
 *  - a household-wallet move is one of a pair (out of one account, into another): reversing one half would make or
 *    destroy points. Switching the wallet back is the correction;
 *  - an entry an upheld objection wrote is a reversal already; so is every `reversal` (one correction, never a chain).
 */
import { DomainError, ERROR_MESSAGES, type ErrorCode } from './errors'
import type { EntryKind, EntrySource } from './ledger'

export interface ReversalRefusal {
  code: ErrorCode
  message: string
}

/** Source type → null (a bare reversal is the correction) or the refusal that says what to do instead. */
export const BARE_REVERSAL: Readonly<Record<EntrySource['type'], ReversalRefusal | null>> = {
  // An approved claim found untrue: its credit goes back, and the month's scores with it.
  claim: null,
  // The admin's own adjustment, made the wrong way or to the wrong person.
  adjustment: null,
  // A black-list deduction or a red-list bonus: the points only (a suspension runs its course, as when an objection
  // to the deduction is upheld).
  listing: null,
  // A passed deduction item (扣分项) found wrong: its points return, and the deduction is marked revoked in the same transaction.
  deduction: null,
  // A hygiene award given to the wrong households.
  inspection: null,
  // An attendee credited for an activity they did not in fact attend (checked in for by mistake): the points go back.
  activity: null,
  // A lesson's points paid by mistake (a quiz answered for someone else): the points go back; the pass stays recorded,
  // so the lesson does not pay again.
  lesson: null,
  // A 说事 credit (an adopted suggestion, a confirmed wish's taker, an accepted hazard report) given wrongly: the points go
  // back; the post keeps its status.
  suggestion: null,
  wish: null,
  hazard: null,
  // A wish's offered points moving from its poster to its taker: one of a pair, as a wallet move is.
  transfer: { code: 'INPUT.INVALID', message: '这是心愿定制成对的积分转移（许愿人转给认领人），不能单独冲正' },
  voucher: { code: 'POINTS.REVERSE_VOUCHER', message: ERROR_MESSAGES['POINTS.REVERSE_VOUCHER'] },
  wallet: { code: 'INPUT.INVALID', message: '这是开关家庭积分账户时成对的积分转移，不能单独冲正' },
  objection: { code: 'INPUT.INVALID', message: '这是异议成立后写的冲正记录，不能再冲正' },
}

/** Refuses an entry a bare reversal may not correct (in Chinese, saying what to do instead); passes the rest. */
export function assertReversible(entry: { kind: EntryKind; source: { type: string } }): void {
  const refusal = Object.prototype.hasOwnProperty.call(BARE_REVERSAL, entry.source?.type) ? BARE_REVERSAL[entry.source.type as EntrySource['type']] : undefined
  if (refusal === undefined) throw new DomainError('INPUT.INVALID', '这条记录不能冲正')
  if (refusal) throw new DomainError(refusal.code, refusal.message)
  if (entry.kind === 'reversal') throw new DomainError('INPUT.INVALID', '冲正记录不能再冲正')
}
