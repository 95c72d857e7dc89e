/**
 * Months (一月一审核一公示) and their one transition table. A month is `open` while points are earned in it (a month
 * without a record is open); closing it (the admin, or the timer on the 1st) freezes its ledger and opens its
 * publicity (`closed`, 公示中), when members may object; once the window has ended with no objection still open,
 * the timer makes it `final` (已认定) and its pending points spendable.
 */
import { DomainError } from './errors'
import { allows, lifecycle, next } from './lifecycle'

/** closed: frozen and in publicity, open to objections until `windowEndsAt`; final: the window ended, pending points released. */
export type MonthStatus = 'open' | 'closed' | 'final'
export const MONTH_STATUS_NAMES: Record<MonthStatus, string> = { open: '未结月', closed: '公示中', final: '已认定' }

export type MonthEvent = 'close' | 'finalize'
const EVENT_NAMES: Record<MonthEvent, string> = { close: '结月', finalize: '认定' }

export const MONTHS = lifecycle<MonthStatus, MonthEvent>(MONTH_STATUS_NAMES, {
  transitions: {
    // Closing a closed month again is no refusal where it happens (closeMonth answers the close it finds): the timer and the admin may race.
    open: { close: 'closed' },
    closed: { finalize: 'final' },
    final: {},
  },
  actors: { close: ['admin', 'system'], finalize: ['system'] },
  refuse: (status, event) => new DomainError('INPUT.INVALID', `这个月${status ? `现在是“${MONTH_STATUS_NAMES[status]}”` : '没有记录'}，不能${EVENT_NAMES[event]}`),
})

/** The status of a month as stored: a month without a record is open. */
export const monthStatusOf = (record: { status: MonthStatus } | null | undefined): MonthStatus => record?.status ?? 'open'

/** The status after `event`, or INPUT.INVALID naming the status in Chinese. */
export const nextMonthStatus = (status: MonthStatus, event: MonthEvent): MonthStatus => next(MONTHS, status, event)

interface Publicity {
  status: MonthStatus
  windowEndsAt?: string
}

/** Whether members may object to a month's entries at `at`: the month is in publicity and its window has not ended. */
export const objectionsOpen = (record: Publicity | null | undefined, at: string): boolean => monthStatusOf(record) === 'closed' && !!record?.windowEndsAt && at < record.windowEndsAt

/** Refuses an objection to an entry of `month` outside its publicity (GOVERNANCE.WINDOW_CLOSED: not yet, or over). */
export function assertObjectionsOpen(month: string, record: Publicity | null | undefined, at: string): void {
  if (monthStatusOf(record) === 'open') throw new DomainError('GOVERNANCE.WINDOW_CLOSED', `${month} 还没有公示，公示开始后才能提出异议`)
  if (!objectionsOpen(record, at)) throw new DomainError('GOVERNANCE.WINDOW_CLOSED')
}

/** Whether 认定 is due at `at`: the month is closed and its publicity window has ended (the caller also waits for every objection to be resolved). */
export const finalizeDue = (record: Publicity | null | undefined, at: string): boolean =>
  allows(MONTHS, monthStatusOf(record), 'finalize') && !!record?.windowEndsAt && record.windowEndsAt <= at

/** Why a month may not be closed: it is not over yet, or a later month is closed already (months close in order, each chained to the one before). */
export type MonthCloseProblem = 'not_over' | 'later_closed'

/**
 * Whether `month` may be closed in `currentMonth`, the latest closed month being `latestClosed` (if known): the one
 * rule the admin's page and the close itself (the admin's or the timer's) apply. Null when it may.
 */
export function monthCloseProblem(month: string, currentMonth: string, latestClosed?: string | null): MonthCloseProblem | null {
  if (month >= currentMonth) return 'not_over'
  if (latestClosed && latestClosed > month) return 'later_closed'
  return null
}

/** The month before `key` ("2026-01" → "2025-12"): plain arithmetic on `YYYY-MM`, for the pages too (no time-zone data). */
export function monthBefore(key: string): string {
  const [y, m] = key.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
