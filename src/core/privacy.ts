/**
 * 我的数据与隐私: what a member sees of what is held about them, and a request to delete it (注销), as the functions,
 * the pages and the tests share them. Deletion anonymises the ledger's names but never its entries (see org.processDeletion).
 */
import type { Role } from './user'

/** Where the h5 build remembers the answer to the privacy sheet ('agree' or 'disagree'); the e2e tests set it too. */
export const PRIVACY_STORAGE_KEY = 'sz-privacy-consent'

export const DELETION_STATUSES = ['pending', 'done'] as const
export type DeletionStatus = (typeof DELETION_STATUSES)[number]

export interface DeletionRequest {
  id: string
  status: DeletionStatus
  /** The member's name while pending; 已注销居民 once carried out. */
  name: string
  /** The courtyard of a resident (empty for staff who are not residents). */
  courtyardName: string
  requestedAt: string
  processedAt?: string
}

/** user.myData: what is held about the caller, and how much of it. */
export interface MyData {
  account: {
    name: string
    communityName: string | null
    roles: { role: Role; nodeName?: string }[]
    joinedAt: string | null
  }
  /** The resident record, for a member who lives here (a clerk or official may have none). */
  resident: {
    name: string
    birthYear: number | null
    partyMember: boolean
    partyUnit: string | null
    hasPhone: boolean
    householdName: string | null
    courtyardName: string | null
  } | null
  counts: {
    claims: number
    /** Claims still waiting for a review (withdrawn at deletion). */
    openClaims: number
    vouchers: number
    /** Vouchers not used yet (returned, points refunded, at deletion). */
    issuedVouchers: number
    objections: number
    ledgerEntries: number
    /** Activities signed up for (the sign-up sheets). */
    activities: number
    /** Lessons passed. */
    lessons: number
  }
  deletion: DeletionRequest | null
}

/** What carrying out a deletion did, for the admin's confirmation and the audit log. */
export interface DeletionOutcome {
  request: DeletionRequest
  vouchersCancelled: number
  claimsWithdrawn: number
  claimsCleared: number
  photosDeleted: number
  objectionsCleared: number
}
