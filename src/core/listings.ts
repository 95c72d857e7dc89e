/**
 * Listings of the 红黑榜 and their one transition table. A grid worker's nomination waits for the admin
 * (`proposed`); the admin confirms it (`confirmed`: carried out from then on) or rejects it (`rejected`); the
 * admin's own nomination is confirmed at once. A confirmed black-list entry suspends for the community's months and
 * then ends by itself (`expired`, marked by the timer).
 */
import { DomainError } from './errors'
import { allows, lifecycle, next } from './lifecycle'

export type ListingStatus = 'proposed' | 'confirmed' | 'rejected' | 'expired'
export const LISTING_STATUS_NAMES: Record<ListingStatus, string> = { proposed: '待确认', confirmed: '已公布', rejected: '未采纳', expired: '已期满' }

export type ListingEvent = 'confirm' | 'reject' | 'expire'

export const LISTINGS = lifecycle<ListingStatus, ListingEvent>(LISTING_STATUS_NAMES, {
  transitions: {
    proposed: { confirm: 'confirmed', reject: 'rejected' },
    // Only a black-list entry has an end (`until`): the timer expires those whose end has come.
    confirmed: { expire: 'expired' },
    rejected: {},
    expired: {},
  },
  actors: { confirm: ['admin'], reject: ['admin'], expire: ['system'] },
  refuse: (status, event) => {
    if (status === undefined) return new DomainError('NOT_FOUND', '没有找到这条提名')
    if (event === 'expire') return new DomainError('INPUT.INVALID', `这条记录现在是“${LISTING_STATUS_NAMES[status]}”，不会期满`)
    return new DomainError('INPUT.INVALID', '这条提名已经处理过了')
  },
})

/** The status after `event`, or INPUT.INVALID (a nomination handled already). */
export const nextListingStatus = (status: ListingStatus | undefined, event: ListingEvent): ListingStatus => next(LISTINGS, status, event)

/** Where a nomination starts: the admin's is confirmed at once, a grid worker's waits for the admin. */
export const firstListingStatus = (by: 'admin' | 'grid'): ListingStatus => (by === 'admin' ? 'confirmed' : 'proposed')

/** A listing's status at `at`: a black-list entry whose end has come is expired, whether or not the timer has marked it yet. */
export const listingStatusAt = (listing: { status: ListingStatus; until?: string }, at: string): ListingStatus =>
  allows(LISTINGS, listing.status, 'expire') && !!listing.until && listing.until <= at ? nextListingStatus(listing.status, 'expire') : listing.status
