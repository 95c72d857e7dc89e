/**
 * The backend, as typed functions: `api.user.me()`. Pages never name a cloud function or an action themselves.
 * One entry per `function.action` of DESIGN.md "Functions and actions"; add them here as their issues land.
 */
import type { Claim, HistoryStep } from '@core/claim-input'
import type { ClaimStatus } from '@core/claims'
import type { EntryKind, EntrySource } from '@core/ledger'
import type { RuleCategory, RuleItem, RuleSaveInput } from '@core/rules'
import type { AuditEntry, Inspection, Listing, ListKind, MonthClose, MonthStatus, Objection, ObjectionStatus, PublicityItem, Settings } from '@core/governance'
import type { Merchant, Offer, OfferKind, OfferStatus, SaveOfferInput, Settlement, Voucher, VoucherStatus } from '@core/shop'
import type { Me } from '@core/user'
import type { DeletionOutcome, DeletionRequest, DeletionStatus, MyData } from '@core/privacy'
import { call, type CallOptions } from './transport'

/** One page of a list read newest (or oldest) first; `cursor` is there when more follow. */
export interface Page<T> {
  items: T[]
  cursor?: string
}

export interface ClaimDetail {
  claim: Claim
  /** Viewable links of `claim.photos`, same order (they expire after half an hour: load again to renew); empty for one held back. */
  photoUrls: string[]
  history: HistoryStep[]
  /** What the platform's content check says of each photo (a reviewer is not given one it has not passed). */
  photoChecks?: import('@core/screening').PhotoState[]
}

export interface SubmitClaimInput {
  ruleId: string
  /** ISO with offset, e.g. 2026-11-03T09:30:00+08:00. */
  occurredAt: string
  place: string
  description: string
  /** fileIDs from `uploadEvidence`. */
  photos: string[]
  /** Made once per form and reused on retry: a retry never files twice. */
  requestId: string
  /** 代申报: the resident a head or grid worker files for. */
  onBehalfOf?: string
}

export interface Balance {
  /** Spendable now. */
  available: number
  /** Approved but waiting for the month's publicity to end (monthly settlement). */
  pending: number
  /** The household's score this year. */
  household: number
  /** A head's 院长积分: their courtyard's score this month. */
  courtyardScore?: number
  /** Whether the community's household wallet is on: then `available` and `pending` are the household's. */
  householdWallet?: boolean
  /** On the black list: no exchange before then. */
  suspendedUntil?: string
}

export interface LedgerEntry {
  id: string
  delta: number
  kind: EntryKind
  source: EntrySource
  /** The operator's name. */
  operator: string
  at: string
  balanceAfter: number
  /** What it was for: the rule's name for a claim, the reason of an adjustment. */
  note: string | null
}

export type LeaderboardLevel = 'resident' | 'household' | 'courtyard' | 'grid'
export type LeaderboardPeriod = 'month' | 'year'

export interface LeaderboardRow {
  rank: number
  /** residentId, householdId or courtyardId, by level. */
  id: string
  /** Other residents' names come masked (张*英) from the server. */
  name: string
  score: number
}

export type ReviewDecision = 'pass' | 'reject' | 'return'

export type OrgNodeType = 'community' | 'grid' | 'courtyard' | 'household'
export type CourtyardKind = '院落' | '小区' | '楼栋'

/** One node of the org tree (org.tree): community → grid → courtyard → household, with role holders and residents. */
export interface TreeNode {
  id: string
  type: OrgNodeType
  name: string
  kind?: string
  /** The people holding a role here (heads of a courtyard, grid workers of a grid). */
  holders: { openid: string; name: string; role: string }[]
  children: TreeNode[]
  /** Households only. `openid` is there for a member with a phone when the server sends it. */
  residents?: { id: string; name: string; hasPhone: boolean; openid?: string; partyMember?: boolean; partyUnit?: string }[]
}

export interface Invite {
  code: string
  /** Two groups of four: K7QM-3XPA. */
  display: string
  courtyardName: string
  householdName: string | null
  maxUses: number
  expiresAt: string
}

/** What a resident sees of one offer before exchanging it. */
export interface OfferDetail {
  offer: Offer
  /** How many of it I (or my household, for 每户限兑) hold or have used. */
  used: number
  /** Whether I may exchange it now, and if not, why (in Chinese). */
  canExchange: boolean
  reason?: string
}

export interface RedemptionCode {
  /** 16 digits: the QR's content. */
  code: string
  /** The same in four groups of four, for reading aloud or typing. */
  display: string
  expiresAt: string
}

export interface ClerkInvite {
  code: string
  display: string
  merchantName: string
  expiresAt: string
}

export interface Publicity {
  month: string
  status: MonthStatus
  statusName: string
  /** While the month is closed: the end of its publicity window (objections until then). */
  windowEndsAt?: string
  objectionsOpen: boolean
  digest?: string
  /** For a closed month: how many ledger entries it froze (the board shows those that are earnings and deductions). */
  entryCount?: number
  /** The month's rankings as frozen at the close (and again when final), the suspended left out. */
  rankings?: Record<'resident' | 'household' | 'courtyard' | 'grid', { id: string; name: string; score: number }[]>
  items: PublicityItem[]
  cursor?: string
}

export interface Dashboard {
  year: string
  /** Points earned (and deducted) in each month of the year, and the number of approved claims. */
  months: { month: string; points: number; claims: number }[]
  /** Points of approved claims by rule category. */
  categories: { categoryId: string; name: string; points: number }[]
  /** Per courtyard: households, households with at least one approved claim this year, and the year's score. */
  courtyards: { courtyardId: string; name: string; households: number; participating: number; points: number }[]
}

export interface Honours {
  year: string
  champions: { rank: number; id: string; name: string; score: number }[]
  /** 荣誉小区: the courtyard with the highest score of the year, or null before anyone scored. */
  courtyard: { id: string; name: string; score: number } | null
}

export interface PartyRow {
  residentId: string
  name: string
  unit: string
  courtyard: string
  /** Earned minus deducted in the quarter. */
  points: number
  /** Approved claims in the quarter. */
  activities: number
}

export interface ExportLink {
  /** What the mini-program downloads with Taro.cloud.downloadFile (no download domain to whitelist). */
  fileID: string
  /** A download link good for an hour (h5). */
  url: string
  fileName: string
}

export const api = {
  user: {
    /** Who the caller is and where they stand in the org tree. An unknown caller: AUTH.UNAUTHENTICATED. */
    me: (options?: CallOptions) => call<Me>('user', 'me', {}, options),
    /** 加入社区 with an invite code and one's real name. Refusals: INVITE.INVALID (why, in Chinese), USER.ALREADY_JOINED. */
    join: (input: { inviteCode: string; name: string }, options?: CallOptions) => call<Me>('user', 'join', input, options),
    /** 我的数据: what is held about me (account, resident record, how many records of each kind), and any deletion request. */
    myData: (options?: CallOptions) => call<MyData>('user', 'myData', {}, options),
    /** 导出我的数据: one workbook (个人信息, 申报, 积分明细, 兑换券, 异议) of my own rows. */
    exportMine: (options?: CallOptions) => call<ExportLink>('user', 'exportMine', {}, options),
    /** 申请注销: recorded once per membership (a retry answers the same request); the community's admin carries it out. */
    requestDeletion: (input: { requestId?: string } = {}, options?: CallOptions) => call<{ request: DeletionRequest }>('user', 'requestDeletion', input, options),
  },
  org: {
    /** The whole community (admin), or the subtree a head / grid worker holds a role over. */
    tree: (options?: CallOptions) => call<{ root: TreeNode }>('org', 'tree', {}, options),
    /** Creates (no `id`) or renames a grid, courtyard or household (admin). */
    saveNode: (
      input: { id?: string; type: 'grid' | 'courtyard' | 'household'; parentId: string; name: string; kind?: CourtyardKind; requestId?: string },
      options?: CallOptions,
    ) => call<{ node: { _id: string; name: string } }>('org', 'saveNode', input, options),
    assignRole: (input: { openid: string; role: 'head' | 'grid' | 'admin' | 'merchant'; nodeId: string }, options?: CallOptions) =>
      call<{ roles: unknown[] }>('org', 'assignRole', input, options),
    revokeRole: (input: { openid: string; role: 'head' | 'grid' | 'admin' | 'merchant'; nodeId: string }, options?: CallOptions) =>
      call<{ roles: unknown[] }>('org', 'revokeRole', input, options),
    /** Registers a resident without a phone (for 代申报). */
    addResident: (input: { householdId: string; name: string; birthYear?: number; requestId: string }, options?: CallOptions) =>
      call<{ resident: { id: string; name: string; householdId: string; hasPhone: boolean } }>('org', 'addResident', input, options),
    /** Marks a resident a party member (党员) with their employer unit, or not (admin). */
    setPartyMember: (input: { residentId: string; partyMember: boolean; unit?: string }, options?: CallOptions) =>
      call<{ resident: { id: string; name: string; partyMember: boolean; unit: string } }>('org', 'setPartyMember', input, options),
    /** The community's settings (every member). */
    settings: (options?: CallOptions) => call<{ settings: Settings }>('org', 'settings', {}, options),
    /** Changes some settings (admin). */
    updateSettings: (input: Partial<Settings>, options?: CallOptions) => call<{ settings: Settings }>('org', 'updateSettings', input, options),
    /** 邀请码 for a courtyard (each use a new household) or one household. */
    issueInvite: (input: { courtyardId: string; householdId?: string; maxUses?: number; days?: number }, options?: CallOptions) =>
      call<{ invite: Invite }>('org', 'issueInvite', input, options),
    /** 注销申请 of the community (admin): waiting (default) or carried out. */
    deletionRequests: (input: { status?: DeletionStatus } = {}, options?: CallOptions) =>
      call<{ items: DeletionRequest[] }>('org', 'deletionRequests', input, options),
    /** 办理注销 (admin, not one's own): the account goes, the resident is anonymised, the ledger's entries stay. */
    processDeletion: (input: { deletionId: string }, options?: CallOptions) => call<DeletionOutcome>('org', 'processDeletion', input, options),
  },
  rules: {
    /**
     * The rule catalogue (积分细则) of the caller's community, categories in order with their enabled items.
     * `includeDisabled` (admin only) also lists the items taken out of the catalogue.
     */
    list: (input: { includeDisabled?: boolean } = {}, options?: CallOptions) =>
      call<{ categories: RuleCategory[] }>('rules', 'list', input, options),
    /** Creates (no `id`) or changes an item (admin). `requestId` makes a retried create write once. */
    save: (input: RuleSaveInput & { requestId?: string }, options?: CallOptions) =>
      call<{ rule: RuleItem; categoryId: string }>('rules', 'save', input, options),
    /** Takes an item out of the catalogue (admin), or puts it back with `enabled: true`. */
    disable: (input: { ruleId: string; enabled?: boolean }, options?: CallOptions) =>
      call<{ rule: RuleItem }>('rules', 'disable', input, options),
  },
  claims: {
    /**
     * 申报. Refusals: CLAIM.EVIDENCE_REQUIRED, CLAIM.EVIDENCE_INVALID (names the photo), CLAIM.CAP_REACHED,
     * INPUT.INVALID (names the field in Chinese).
     */
    submit: (input: SubmitClaimInput, options?: CallOptions) => call<{ claim: Claim }>('claims', 'submit', input, options),
    /** Claims waiting for the caller's review step (head: 初审, grid: 审核), oldest first. */
    queue: (input: { cursor?: string } = {}, options?: CallOptions) => call<Page<Claim>>('claims', 'queue', input, options),
    /** 通过 / 驳回 / 退回补充; `reason` is required for the last two. */
    review: (input: { claimId: string; decision: ReviewDecision; reason?: string }, options?: CallOptions) =>
      call<{ claim: Claim }>('claims', 'review', input, options),
    /** My claims, newest first; `filedForOthers` lists those I filed for someone (代申报). */
    mine: (input: { status?: ClaimStatus; cursor?: string; filedForOthers?: boolean } = {}, options?: CallOptions) =>
      call<Page<Claim>>('claims', 'mine', input, options),
    /** One claim with its photo links and history (who decided what, when, why). */
    get: (input: { claimId: string }, options?: CallOptions) => call<ClaimDetail>('claims', 'get', input, options),
    /** Takes back a claim not decided yet (submitted, pre_approved, returned). */
    withdraw: (input: { claimId: string }, options?: CallOptions) => call<{ claim: Claim }>('claims', 'withdraw', input, options),
    /** A returned claim with more evidence: `photos` is the whole new list (kept ones and added ones). */
    resubmit: (
      input: { claimId: string; photos: string[]; description?: string; place?: string; requestId: string },
      options?: CallOptions,
    ) => call<{ claim: Claim }>('claims', 'resubmit', input, options),
  },
  governance: {
    /** 结月 (admin): freezes a past month, opens its publicity. Closing it again answers the same. */
    closeMonth: (input: { month: string }, options?: CallOptions) =>
      call<MonthClose & { status: 'closed'; digest: string; previousDigest: string; entryCount: number }>('governance', 'closeMonth', input, options),
    /**
     * 公示栏 of a month: masked names, courtyard, item, points; whether objections are open and until when.
     * `entryId`: just that entry; `summary`: the status alone (no entries).
     */
    publicity: (input: { month: string; cursor?: string; entryId?: string; summary?: boolean }, options?: CallOptions) =>
      call<Publicity>('governance', 'publicity', input, options),
    /** Recomputes the digest chain up to the month: `valid` false means a published entry was changed. */
    verify: (input: { month: string }, options?: CallOptions) =>
      call<{ valid: boolean; digest: string | null; previousDigest: string | null; brokenAt?: string }>('governance', 'verify', input, options),
    /** The month's board as Excel (admin). */
    exportPublicity: (input: { month: string }, options?: CallOptions) => call<ExportLink>('governance', 'exportPublicity', input, options),
    /** 提出异议 to an entry of a month in publicity. After the window: GOVERNANCE.WINDOW_CLOSED. */
    object: (input: { entryId: string; reason: string; photos?: string[]; requestId: string }, options?: CallOptions) =>
      call<{ objection: Objection }>('governance', 'object', input, options),
    /** The admin's queue by status (oldest first), or `mine`: my own objections (newest first). */
    objections: (input: { status?: ObjectionStatus; mine?: boolean } = {}, options?: CallOptions) =>
      call<{ items: Objection[] }>('governance', 'objections', input, options),
    /** 处理异议 (admin): uphold reverses the entry and corrects the scores; dismiss closes it. `note` says why. */
    resolve: (input: { objectionId: string; decision: 'uphold' | 'dismiss'; note: string }, options?: CallOptions) =>
      call<{ objection: Objection }>('governance', 'resolve', input, options),
    /** 红黑榜提名 (grid worker; the admin's is confirmed at once). `points`: deducted (black) or awarded (red). */
    propose: (input: { list: ListKind; residentId?: string; householdId?: string; reason: string; points?: number; requestId?: string }, options?: CallOptions) =>
      call<{ listing: Listing }>('governance', 'propose', input, options),
    /** 确认 or reject a proposal (admin). */
    confirm: (input: { listingId: string; decision: 'confirm' | 'reject' }, options?: CallOptions) =>
      call<{ listing: Listing }>('governance', 'confirm', input, options),
    /** The red and black lists as published; `status: 'proposed'` (grid worker, admin) lists proposals waiting. */
    lists: (input: { list?: ListKind; status?: 'proposed' | 'confirmed' } = {}, options?: CallOptions) =>
      call<{ items: Listing[] }>('governance', 'lists', input, options),
    /** 卫生检查打分 (grid worker of the courtyard's grid): 0–100, optional checklist items (summing to the score), notes, photos. */
    inspect: (
      input: { courtyardId: string; month: string; score: number; notes?: string; items?: { name: string; score: number }[]; photos?: string[] },
      options?: CallOptions,
    ) => call<{ inspection: Inspection }>('governance', 'inspect', input, options),
    /** A month's courtyard ranking by inspection score. */
    inspections: (input: { month: string }, options?: CallOptions) =>
      call<{ items: (Inspection & { rank: number; awarded: boolean })[] }>('governance', 'inspections', input, options),
    /** 评奖 (admin): households of the top three courtyards earn 3 / 2 / 1 points, once. */
    awardInspections: (input: { month: string }, options?: CallOptions) =>
      call<{ awards: { courtyard: string; rank: number; points: number; households: number }[] }>('governance', 'awardInspections', input, options),
    /** 数据看板 (admin; grid workers see their grid): points by month and by category, and participation by courtyard, for a year. */
    dashboard: (input: { year: string }, options?: CallOptions) => call<Dashboard>('governance', 'dashboard', input, options),
    /** 年度荣誉: the year's 积分冠军 (top residents, the suspended left out) and 荣誉小区 (the highest-scoring courtyard). */
    honours: (input: { year: string }, options?: CallOptions) => call<Honours>('governance', 'honours', input, options),
    /** 党员积分档案 of a quarter (2026-Q4): each party member's points and activities; `export` also makes the Excel for their units (admin). */
    partyReport: (input: { quarter: string; export?: boolean }, options?: CallOptions) =>
      call<{ items: PartyRow[]; file?: ExportLink }>('governance', 'partyReport', input, options),
    /** 操作日志 (admin): newest first; filter by operator openid, operation (claims.review, or a whole function: claims), target id, time. */
    audit: (input: { operator?: string; operation?: string; targetId?: string; from?: string; to?: string; cursor?: string } = {}, options?: CallOptions) =>
      call<Page<AuditEntry>>('governance', 'audit', input, options),
  },
  shop: {
    /**
     * Offers. A member sees the active, in-window offers of the community; `mine` (a clerk) lists all of their
     * merchant's offers; `status` (admin) lists the community's offers in that status, e.g. pending ones to approve.
     */
    offers: (input: { kind?: OfferKind; mine?: boolean; status?: OfferStatus } = {}, options?: CallOptions) =>
      call<{ items: Offer[] }>('shop', 'offers', input, options),
    /** One offer, with whether I may exchange it. */
    offer: (input: { offerId: string }, options?: CallOptions) => call<OfferDetail>('shop', 'offer', input, options),
    /** Creates (no `id`) or changes an offer: a clerk's waits for approval, the admin's is active at once. */
    saveOffer: (input: SaveOfferInput, options?: CallOptions) => call<{ offer: Offer }>('shop', 'saveOffer', input, options),
    /** 审核 (admin): approve or reject a pending offer (`note` says why), or retire an active one. */
    reviewOffer: (input: { offerId: string; decision: 'approve' | 'reject' | 'retire'; note?: string }, options?: CallOptions) =>
      call<{ offer: Offer }>('shop', 'reviewOffer', input, options),
    /**
     * 兑换: one transaction debits the points, takes one from stock and issues the voucher. A retried `requestId`
     * answers the same voucher. Refusals: POINTS.INSUFFICIENT, SHOP.OUT_OF_STOCK, SHOP.LIMIT_REACHED, ACCOUNT.SUSPENDED.
     */
    exchange: (input: { offerId: string; requestId: string }, options?: CallOptions) => call<{ voucher: Voucher }>('shop', 'exchange', input, options),
    /** My vouchers, newest first. */
    vouchers: (input: { status?: VoucherStatus; cursor?: string } = {}, options?: CallOptions) =>
      call<Page<Voucher>>('shop', 'vouchers', input, options),
    /** One voucher: its owner, a clerk of its merchant, or the admin. */
    voucher: (input: { voucherId: string }, options?: CallOptions) => call<{ voucher: Voucher }>('shop', 'voucher', input, options),
    /** A fresh redemption code for my unused voucher, good for 60 seconds (ask again before `expiresAt`). */
    code: (input: { voucherId: string }, options?: CallOptions) => call<RedemptionCode>('shop', 'code', input, options),
    /**
     * 核销 (clerk of the offering merchant): the scanned or typed code. Refusals: VOUCHER.CODE_INVALID,
     * VOUCHER.CODE_EXPIRED, VOUCHER.WRONG_MERCHANT, VOUCHER.ALREADY_REDEEMED, VOUCHER.NOT_REDEEMABLE.
     */
    redeem: (input: { code: string }, options?: CallOptions) => call<{ voucher: Voucher }>('shop', 'redeem', input, options),
    /** 退回 an unused voucher (its owner, or the admin): the points and the stock come back. */
    cancel: (input: { voucherId: string }, options?: CallOptions) => call<{ voucher: Voucher }>('shop', 'cancel', input, options),
    /** A merchant's redemptions of one day or month, newest first (its clerk; the admin names `merchantId`). */
    redemptions: (input: { day?: string; month?: string; merchantId?: string }, options?: CallOptions) =>
      call<{ items: Voucher[]; total: { count: number; points: number } }>('shop', 'redemptions', input, options),
    /** 结算 of a month: every merchant's count and points by offer (admin), or the clerk's own with its days. */
    settlement: (input: { month: string; merchantId?: string }, options?: CallOptions) => call<Settlement>('shop', 'settlement', input, options),
    /** The month's settlement as an Excel file (admin): a download link good for an hour. */
    exportSettlement: (input: { month: string }, options?: CallOptions) => call<ExportLink>('shop', 'exportSettlement', input, options),
    /** 商居联盟 (admin): the community's merchants with their clerks. */
    merchants: (options?: CallOptions) => call<{ items: Merchant[] }>('shop', 'merchants', {}, options),
    /** Adds (no `id`) or changes a merchant (admin). */
    saveMerchant: (input: { id?: string; name: string; address?: string; contact?: string; requestId?: string }, options?: CallOptions) =>
      call<{ merchant: Merchant }>('shop', 'saveMerchant', input, options),
    /** Suspends a merchant (its offers leave the shop, its clerks cannot redeem) or lets it trade again (admin). */
    setMerchantStatus: (input: { merchantId: string; status: 'active' | 'suspended' }, options?: CallOptions) =>
      call<{ merchant: Merchant }>('shop', 'setMerchantStatus', input, options),
    /** An invite code that binds a clerk to a merchant: the clerk joins with it (`user.join`) (admin). */
    clerkInvite: (input: { merchantId: string; days?: number }, options?: CallOptions) =>
      call<{ invite: ClerkInvite }>('shop', 'clerkInvite', input, options),
  },
  points: {
    /** Spendable, pending, the household's score, and a head's 院长积分. */
    balance: (options?: CallOptions) => call<Balance>('points', 'balance', {}, options),
    /** My ledger (积分明细), newest first. */
    ledger: (input: { cursor?: string } = {}, options?: CallOptions) => call<Page<LedgerEntry>>('points', 'ledger', input, options),
    /** Rankings of a period: `key` is 2026-11 for a month, 2026 for a year. */
    leaderboard: (
      input: { level: LeaderboardLevel; period: LeaderboardPeriod; key: string; cursor?: string },
      options?: CallOptions,
    ) => call<Page<LeaderboardRow>>('points', 'leaderboard', input, options),
  },
}

export type Api = typeof api
export { ApiError, type CallOptions } from './transport'
export { getDevOpenid, setDevOpenid, clearDevOpenid, IDENTITY_STORAGE_KEY } from './identity'
export { uploadEvidence, newRequestId, type UploadProgress } from './upload'
export { askClaimNotifications, CLAIM_SUBSCRIBE_TEMPLATE_IDS } from './subscribe'
export type { Me } from '@core/user'
export type { DeletionOutcome, DeletionRequest, DeletionStatus, MyData } from '@core/privacy'
export type { RuleCategory, RuleItem, RuleSaveInput } from '@core/rules'
export type { Claim, HistoryStep, DuplicateNote } from '@core/claim-input'
export type { ClaimStatus } from '@core/claims'
export type { AuditEntry, Inspection, Listing, ListKind, MonthClose, MonthStatus, Objection, ObjectionStatus, PublicityItem, Settings } from '@core/governance'
export type { Merchant, Offer, OfferKind, OfferStatus, SaveOfferInput, Settlement, SettlementRow, Voucher, VoucherStatus } from '@core/shop'
