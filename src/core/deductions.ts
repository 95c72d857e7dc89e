/**
 * 扣分项 (Fulu's 基础类 and 村规民约 items that take points): a grid worker or the admin records one against a resident,
 * with photos and what happened; a second person — another grid worker of the grid or the admin, never the one who
 * recorded it — passes it (a `deduction` entry is written to the ledger, at most what the account holds, and it shows
 * on the board like any entry) or turns it down with a reason. The one who recorded it may withdraw it while it waits.
 * A passed deduction can be objected to like any entry; upheld, it is undone (`revoked`): its entry is reversed.
 */
import { DomainError } from './errors'
import { lifecycle, next } from './lifecycle'

export const DEDUCTION_STATUSES = ['proposed', 'applied', 'rejected', 'withdrawn', 'revoked'] as const
export type DeductionStatus = (typeof DEDUCTION_STATUSES)[number]
export const DEDUCTION_STATUS_NAMES: Record<DeductionStatus, string> = { proposed: '等复核', applied: '已扣分', rejected: '复核未通过', withdrawn: '已撤回', revoked: '已撤销' }

export type DeductionEvent = 'pass' | 'reject' | 'withdraw' | 'revoke'

export const DEDUCTIONS = lifecycle<DeductionStatus, DeductionEvent>(DEDUCTION_STATUS_NAMES, {
  transitions: {
    proposed: { pass: 'applied', reject: 'rejected', withdraw: 'withdrawn' },
    // Undone by an upheld objection to its entry: the entry is reversed in the same transaction.
    applied: { revoke: 'revoked' },
    rejected: {},
    withdrawn: {},
    revoked: {},
  },
  // pass / reject: a second person (checked by the handler: not the recorder); withdraw: the recorder (owner).
  actors: { pass: ['admin', 'grid'], reject: ['admin', 'grid'], withdraw: ['owner'], revoke: ['admin'] },
  refuse: (status, event) => {
    if (status === undefined) return new DomainError('NOT_FOUND', '没有找到这条扣分记录')
    if (event === 'revoke') return new DomainError('INPUT.INVALID', `这条扣分现在是“${DEDUCTION_STATUS_NAMES[status]}”，不能撤销`)
    return new DomainError('INPUT.INVALID', `这条扣分已经处理过了（${DEDUCTION_STATUS_NAMES[status]}）`)
  },
})

/** The status after `event`, or the refusal (a deduction handled already). */
export const nextDeductionStatus = (status: DeductionStatus | undefined, event: DeductionEvent): DeductionStatus => next(DEDUCTIONS, status, event)

/** Items offices record most (Fulu's 基础类 and 村规民约), offered as one-tap choices; any other item may be written. */
export const DEDUCTION_PRESETS = ['乱堆乱放', '乱倒垃圾', '门前卫生不达标', '散养家禽', '私搭乱建', '不参加义务劳动', '邻里纠纷不听劝解', '违反村规民约'] as const

/** A deduction as staff and the resident concerned see it. */
export interface Deduction {
  id: string
  residentId: string
  /** By the one rule of names (src/core/visibility). */
  name: string
  courtyard: string
  item: string
  reason: string
  /** What was asked, and what the ledger actually took (less when the account held less; 0 before it is passed). */
  asked: number
  points: number
  status: DeductionStatus
  recordedBy: string
  recordedAt: string
  decidedBy?: string
  decidedAt?: string
  note?: string
  /** Viewable links of the evidence (staff), '' where the platform's check has not passed it. */
  photoUrls: string[]
  /** Whether the caller may pass or reject it: a second person in charge of the resident. */
  mayDecide: boolean
  /** Whether the caller may withdraw it: the one who recorded it, while it waits. */
  mayWithdraw: boolean
}
