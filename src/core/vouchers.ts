/**
 * Vouchers (兑换券) and their one transition table. An exchange issues a voucher (`issued`); from there it is
 * redeemed by a clerk of its merchant (`redeemed`), cancelled by its owner or the admin (`cancelled`: points and
 * stock restored), or expired by the timer once its dates are over (`expired`: refunded if the community says so).
 * Each of the three is final. A used voucher is refused with VOUCHER.ALREADY_REDEEMED, a returned or expired one
 * with VOUCHER.NOT_REDEEMABLE, each in words that fit what was asked.
 */
import { DomainError } from './errors'
import { allows, lifecycle, next } from './lifecycle'
import { inZone } from './period'

export const VOUCHER_STATUSES = ['issued', 'redeemed', 'cancelled', 'expired'] as const
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number]
export const VOUCHER_STATUS_NAMES: Record<VoucherStatus, string> = { issued: '待使用', redeemed: '已使用', cancelled: '已退回', expired: '已过期' }

export type VoucherEvent = 'redeem' | 'cancel' | 'expire'

/** What a refusal quotes of the voucher: when it was used. */
export interface VoucherFacts {
  redeemedAt?: string
}

export const VOUCHERS = lifecycle<VoucherStatus, VoucherEvent, VoucherFacts>(VOUCHER_STATUS_NAMES, {
  transitions: {
    issued: { redeem: 'redeemed', cancel: 'cancelled', expire: 'expired' },
    redeemed: {},
    cancelled: {},
    expired: {},
  },
  actors: {
    // A clerk of the voucher's own merchant (VOUCHER.WRONG_MERCHANT otherwise).
    redeem: ['merchant'],
    // Its owner or the admin (also when the owner's account is deleted).
    cancel: ['owner', 'admin'],
    expire: ['system'],
  },
  refuse: (status, event, facts) => {
    if (status === undefined) return new DomainError('NOT_FOUND', '没有找到这张券')
    if (status === 'redeemed') {
      return new DomainError(
        'VOUCHER.ALREADY_REDEEMED',
        event === 'redeem' ? `这张券已经在 ${inZone(facts?.redeemedAt!).format('M月D日 HH:mm')} 核销过了` : '这张券已经使用过了，不能退回',
      )
    }
    return new DomainError('VOUCHER.NOT_REDEEMABLE', event === 'redeem' ? '这张券已退回或已过期，不能核销' : `这张券已经${status === 'cancelled' ? '退回' : '过期'}了`)
  },
})

/** The status after `event`, or the refusal (NOT_FOUND for a voucher gone). */
export const nextVoucherStatus = (voucher: ({ status: VoucherStatus } & VoucherFacts) | null, event: VoucherEvent): VoucherStatus =>
  next(VOUCHERS, voucher?.status, event, voucher ?? undefined)

/** What 核销 needs beyond the table: the voucher inside its dates (one past them waits for the timer to expire it, and cannot be used meanwhile). */
export function assertRedeemable(voucher: { validUntil: string }, at: string): void {
  if (voucher.validUntil <= at) throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券已过兑换期，不能核销')
}

/**
 * And its points not given back: a voucher and its debit live and die together, so one whose debit older data
 * reversed on its own (see debitReversed in _shared/exchange) is worth nothing any more.
 */
export const refusePointsBack = () => new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券的积分已经退回，不能核销，请让居民退回这张券')

/** Whether a code may be shown for a voucher (its owner's QR): one the clerk could redeem now, in the owner's words. */
export function assertShowable(voucher: { status: VoucherStatus; validUntil: string }, at: string): void {
  if (voucher.status === 'redeemed') throw new DomainError('VOUCHER.ALREADY_REDEEMED', '这张券已经使用过了')
  if (!allows(VOUCHERS, voucher.status, 'redeem') || voucher.validUntil <= at) throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券已退回或已过期，不能再使用')
}
