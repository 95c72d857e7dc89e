/**
 * Offers (积分超市的商品) and their one transition table. A clerk's new offer waits for the admin (`pending`); the
 * admin approves it (`active`, on sale while inside its dates), rejects it (`rejected`, with a reason) or retires it
 * (`retired`, off the shelf). Saving an offer moves it too: the admin's save puts it on sale; a clerk's change of
 * anything the admin approved sends it back to `pending`, while a restock keeps its status.
 */
import { DomainError } from './errors'
import { lifecycle, next } from './lifecycle'

export const OFFER_STATUSES = ['pending', 'active', 'rejected', 'retired'] as const
export type OfferStatus = (typeof OFFER_STATUSES)[number]
export const OFFER_STATUS_NAMES: Record<OfferStatus, string> = { pending: '待审核', active: '兑换中', rejected: '未通过', retired: '已下架' }

/** The admin's review (approve, reject, retire) and the three kinds of save. */
export type OfferEvent = 'approve' | 'reject' | 'retire' | 'publish' | 'edit' | 'restock'

export const OFFERS = lifecycle<OfferStatus, OfferEvent>(OFFER_STATUS_NAMES, {
  transitions: {
    pending: { approve: 'active', reject: 'rejected', retire: 'retired', publish: 'active', edit: 'pending', restock: 'pending' },
    active: { retire: 'retired', publish: 'active', edit: 'pending', restock: 'active' },
    rejected: { approve: 'active', publish: 'active', edit: 'pending', restock: 'rejected' },
    retired: { approve: 'active', publish: 'active', edit: 'pending', restock: 'retired' },
  },
  actors: {
    approve: ['admin'],
    reject: ['admin'],
    retire: ['admin'],
    // The admin's save of any merchant's offer.
    publish: ['admin'],
    // A clerk's save that changes what the admin approved (see APPROVED_FIELDS in shop/offers), or only the stock.
    edit: ['merchant'],
    restock: ['merchant'],
  },
  refuse: (status) =>
    status === undefined ? new DomainError('NOT_FOUND', '没有找到这件商品') : new DomainError('INPUT.INVALID', `这件商品现在是“${OFFER_STATUS_NAMES[status]}”，不能这样处理`),
})

/** The status after `event`, or INPUT.INVALID naming the status in Chinese (NOT_FOUND for an offer gone). */
export const nextOfferStatus = (status: OfferStatus | undefined, event: OfferEvent): OfferStatus => next(OFFERS, status, event)

/** Where a new offer starts: on sale when the admin saves it, waiting for the admin when a clerk does. */
export const firstOfferStatus = (by: 'admin' | 'merchant'): OfferStatus => (by === 'admin' ? 'active' : 'pending')

/** Whether an offer is in the shop at `at`: active, its merchant trading, and inside its dates. */
export function onSale(offer: { status: OfferStatus; merchantSuspended?: boolean; validFrom: string; validUntil: string }, at: string): boolean {
  return offer.status === 'active' && !offer.merchantSuspended && offer.validFrom <= at && at < offer.validUntil
}
