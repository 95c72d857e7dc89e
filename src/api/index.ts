/**
 * The backend, as typed functions: `api.user.me()`. Pages never name a cloud function or an action themselves.
 * This file is the transport's table of names; what each action takes and answers is read from the function's own
 * action table (./contract), and docs/api.md describes it for people.
 */
import type { ActionName, FunctionName, Functions, Input, Output } from './contract'
import { call, type CallOptions } from './transport'

/** Every action a client may call, by function. The type below holds it to the functions' tables, both ways. */
const NAMES = {
  user: ['me', 'join', 'myData', 'exportMine', 'requestDeletion', 'setPreferences'],
  org: ['tree', 'saveNode', 'assignRole', 'revokeRole', 'addResident', 'issueInvite', 'settings', 'updateSettings', 'setPartyMember', 'deletionRequests', 'processDeletion', 'moveResident', 'removeResident'],
  rules: ['list', 'save', 'disable', 'saveCategory', 'moveCategory', 'removeCategory', 'moveRule'],
  claims: ['submit', 'mine', 'queue', 'get', 'review', 'withdraw', 'resubmit', 'checkPhoto'],
  points: ['balance', 'ledger', 'resident', 'leaderboard', 'adjust', 'reverse', 'deduct', 'deductions', 'decideDeduction'],
  shop: [
    'offers', 'offer', 'saveOffer', 'reviewOffer', 'exchange', 'vouchers', 'voucher', 'code', 'redeem', 'exchangeByCard', 'cancel',
    'redemptions', 'settlement', 'exportSettlement', 'merchants', 'saveMerchant', 'setMerchantStatus', 'clerkInvite',
  ],
  governance: [
    'closeMonth', 'publicity', 'verify', 'exportPublicity', 'object', 'objections', 'resolve', 'propose', 'confirm', 'revokeListing',
    'lists', 'inspect', 'inspections', 'awardInspections', 'dashboard', 'honours', 'partyReport', 'audit',
  ],
  learning: ['list', 'get', 'save', 'answer'],
  activities: [
    'save', 'list', 'get', 'signup', 'cancelSignup', 'checkinCode', 'checkin', 'checkinFor', 'finish', 'exportAttendance',
    'teams', 'saveTeam', 'joinTeam', 'leaveTeam',
  ],
  cards: ['get', 'issue', 'setPin', 'revoke', 'lookup', 'sheet'],
  voices: ['post', 'list', 'get', 'reply', 'support', 'decide', 'take', 'fulfil', 'confirm', 'withdraw', 'summary', 'export'],
} as const satisfies { [F in FunctionName]: readonly ActionName<F>[] }

/** Fails to compile when a function gains an action that the table above does not name. */
type Missing = { [F in FunctionName]: Exclude<ActionName<F>, (typeof NAMES)[F][number]> }[FunctionName]
const complete: [Missing] extends [never] ? true : { missing: Missing } = true
void complete

/** One action as the client calls it: the input may be left out when every field of it is optional. */
type Call<I, O> = {} extends I ? (input?: I, options?: CallOptions) => Promise<O> : (input: I, options?: CallOptions) => Promise<O>

export type Api = { [F in FunctionName]: { [A in ActionName<F>]: Call<Input<F, A>, Output<F, A>> } }

export const api = Object.fromEntries(
  Object.entries(NAMES).map(([fn, actions]) => [
    fn,
    Object.fromEntries(actions.map((name) => [name, (input: object = {}, options?: CallOptions) => call(fn, name, input, options)])),
  ]),
) as Api

/** What an action answers, for a page's state: `Answer<'points', 'balance'>`. */
export type Answer<F extends FunctionName, A extends ActionName<F>> = Output<F, A>
export type { Functions, Input, Output }

// The shapes pages name, each read from the action that answers it.
export type Page<T> = { items: T[]; cursor?: string }
export type Balance = Output<'points', 'balance'>
export type LedgerEntry = Output<'points', 'ledger'>['items'][number]
export type LeaderboardRow = Output<'points', 'leaderboard'>['items'][number]
export type LeaderboardLevel = Input<'points', 'leaderboard'>['level']
export type LeaderboardPeriod = Input<'points', 'leaderboard'>['period']
export type ReviewDecision = Input<'claims', 'review'>['decision']
export type ClaimDetail = Output<'claims', 'get'>
export type TreeNode = Output<'org', 'tree'>['root']
export type Invite = Output<'org', 'issueInvite'>['invite']
export type OfferDetail = Output<'shop', 'offer'>
export type RedemptionCode = Output<'shop', 'code'>
export type ClerkInvite = Output<'shop', 'clerkInvite'>['invite']
export type Publicity = Output<'governance', 'publicity'>
export type Dashboard = Output<'governance', 'dashboard'>
export type Honours = Output<'governance', 'honours'>
export type PartyRow = Output<'governance', 'partyReport'>['items'][number]
export type ExportLink = Output<'governance', 'exportPublicity'>

export { ApiError, type CallOptions } from './transport'
export { getDevOpenid, setDevOpenid, clearDevOpenid, IDENTITY_STORAGE_KEY } from './identity'
export { uploadEvidence, newRequestId, type UploadProgress } from './upload'
export { askClaimNotifications, CLAIM_SUBSCRIBE_TEMPLATE_IDS } from './subscribe'
export type { Me } from '@core/user'
export type { DeletionOutcome, DeletionRequest, DeletionStatus, MyData } from '@core/privacy'
export type { RuleCategory, RuleItem } from '@core/rules'
export type { RuleSaveInput } from '@core/rules.schema'
export type { Claim, HistoryStep, DuplicateNote } from '@core/claim-input'
export type { ClaimStatus } from '@core/claims'
export type { AuditEntry, Inspection, Listing, ListKind, MonthClose, MonthStatus, Objection, ObjectionStatus, PublicityItem, Settings } from '@core/governance'
export type { Merchant, Offer, OfferKind, OfferStatus, Settlement, SettlementRow, Voucher, VoucherStatus } from '@core/shop'
export type { SaveOfferInput } from '@core/shop.schema'
