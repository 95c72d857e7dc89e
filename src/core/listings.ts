/**
 * Listings of the 红黑榜 and their one transition table. A grid worker's nomination waits for the admin
 * (`proposed`); the admin confirms it (`confirmed`: carried out from then on) or rejects it (`rejected`); the
 * admin's own nomination is confirmed at once. A confirmed black-list entry suspends for the community's months and
 * then ends by itself (`expired`, marked by the timer). A listing can always be undone (`revoked`): by the admin with a
 * reason, or by an upheld objection to it (or to its ledger entry); what it deducted or awarded is reversed and its
 * suspension ends at once.
 */
import { DomainError } from './errors'
import { allows, lifecycle, next } from './lifecycle'

export type ListingStatus = 'proposed' | 'confirmed' | 'rejected' | 'expired' | 'revoked'
export const LISTING_STATUS_NAMES: Record<ListingStatus, string> = { proposed: '待确认', confirmed: '已公布', rejected: '未采纳', expired: '已期满', revoked: '已撤销' }

export type ListingEvent = 'confirm' | 'reject' | 'expire' | 'revoke'

export const LISTINGS = lifecycle<ListingStatus, ListingEvent>(LISTING_STATUS_NAMES, {
  transitions: {
    proposed: { confirm: 'confirmed', reject: 'rejected' },
    // Only a black-list entry has an end (`until`): the timer expires those whose end has come.
    // Undone (revoked) while in force or after it has ended: its deduction is returned either way.
    confirmed: { expire: 'expired', revoke: 'revoked' },
    rejected: {},
    expired: { revoke: 'revoked' },
    revoked: {},
  },
  // revoke: the admin's governance.revokeListing, or the admin upholding an objection to the listing.
  actors: { confirm: ['admin'], reject: ['admin'], expire: ['system'], revoke: ['admin'] },
  refuse: (status, event) => {
    if (status === undefined) return new DomainError('NOT_FOUND', '没有找到这条提名')
    if (event === 'expire') return new DomainError('INPUT.INVALID', `这条记录现在是“${LISTING_STATUS_NAMES[status]}”，不会期满`)
    if (event === 'revoke') return new DomainError('INPUT.INVALID', `这条记录现在是“${LISTING_STATUS_NAMES[status]}”，不能撤销`)
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

/** Whether a listing may be objected to by itself (governance.object with `listingId`): while it is in force, as the board shows it. */
export const listingInForce = (listing: { status: ListingStatus; until?: string }, at: string): boolean => listingStatusAt(listing, at) === 'confirmed'
