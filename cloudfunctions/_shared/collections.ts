/**
 * Every collection the project uses, with the fields it is queried by. One list for both sides:
 * the local cloud creates these tables and SQLite expression indexes at start; for CloudBase,
 * `npm run setup` creates the collections and their indexes and locks each one ADMINONLY (scripts/plan.ts).
 */
export const COLLECTIONS = {
  /** One per WeChat account that has joined; `_id` is the openid. Holds its roles (`roles: [{ role, nodeId }]`). */
  users: { indexes: ['communityId', 'residentId', 'merchantId', 'roles.nodeId'] },
  /** People of a household; a resident without a phone has no openid and is claimed for by proxy. */
  residents: { indexes: ['openid', 'communityId', 'householdId', 'courtyardId', 'gridId'] },
  /** The org tree: community → grid → courtyard (院落) → household. */
  orgNodes: { indexes: ['communityId', 'parentId', 'type'] },
  /** Claims (申报); `_id` derives from the submitter and their requestId, so a retried submit writes once. */
  claims: { indexes: ['residentId', 'courtyardId', 'gridId', 'status', 'communityId', 'proxy.openid'] },
  /** How many claims of a rule a resident has this month (the cap), kept in the same transactions as the claims. */
  claimCaps: { indexes: [] },
  /** Each evidence photo's first use in a community (`_id` `<communityId>:<SHA-256>`): a reused photo is flagged. */
  photoHashes: { indexes: ['claimId'] },
  /** The points ledger (台账): append-only; `_id` is the idempotency key. An account's statement pages by (at, _id). */
  ledger: { indexes: ['accountId,at', 'communityId', 'month', 'projected', 'source.id', 'communityMonth,_id', 'residentId', 'communityId,scoreMonth'] },
  /** Balances (`res:<residentId>`, `hh:<householdId>`) and period scores (`sc:<period>:<level>:<nodeId>`, grouped in a `bucket`). */
  accounts: { indexes: ['communityId', 'bucket,scoreTenths'] },
  /** Notifications waiting to be sent (outbox), and their delivery. */
  outbox: { indexes: ['status', 'to'] },
  /** Invite codes (邀请码); `_id` is the code. */
  invites: { indexes: ['communityId', 'courtyardId'] },
  /** Community settings; `_id` is the community id. */
  settings: { indexes: [] },
  /** The rule catalogue (积分细则): categories and items. */
  ruleCategories: { indexes: ['communityId'] },
  rules: { indexes: ['communityId', 'categoryId'] },
  /** The merchant alliance (商居联盟) and what it offers at the 积分超市. */
  merchants: { indexes: ['communityId'] },
  offers: { indexes: ['communityId', 'merchantId', 'status'] },
  /**
   * Vouchers (兑换券): one exchanged offer each; `_id` derives from the resident and their requestId. Found by owner,
   * by ticket (the first 8 digits of a redemption code), by what is due to expire, and by merchant and month for settlement.
   * An owner's list pages by (issuedAt, _id).
   */
  vouchers: { indexes: ['residentId,issuedAt', 'ticket', 'status,validUntil', 'merchantId,redeemedDay', 'merchantId,redeemedMonth', 'communityId,redeemedMonth'] },
  /** The audit log (操作留痕) of reviewer, admin and merchant actions: written by the handler wrapper, never changed. Pages by (at, _id). */
  audit: { indexes: ['communityId,at', 'operator', 'action', 'target.id'] },
  /** Month closes (`<communityId>:<month>`): status, the ledger digest chained to the month before, the publicity window. */
  months: { indexes: ['communityId', 'status'] },
  /** Objections (异议) to a published entry. */
  objections: { indexes: ['communityId', 'status', 'entryId', 'objector'] },
  /** 扣分项 (src/core/deductions.ts): recorded by a grid worker or the admin, passed by a second person. The queue reads by community or grid, status and time. */
  deductions: { indexes: ['communityId,recordedAt', 'gridId,recordedAt', 'residentId,recordedAt', 'status'] },
  /** The red and black lists (红黑榜): proposals, confirmed entries and their suspensions. */
  listings: { indexes: ['communityId', 'status', 'residentId', 'householdId'] },
  /** Courtyard hygiene inspections (卫生大检查): one per courtyard and month (`<courtyardId>:<month>`). */
  inspections: { indexes: ['communityId', 'month'] },
  /**
   * Photo content checks (mediaCheckAsync): `_id` is the platform's trace id, which only the platform's result push
   * and this table know; each names the claim or objection and the photo, and holds the result when it arrives.
   */
  contentChecks: { indexes: ['target.id'] },
  /** Requests to delete one's data (注销): one per membership, pending until the community's admin carries it out. */
  deletionRequests: { indexes: ['communityId', 'status', 'openid'] },
  /** 活动 (src/core/activities.ts): listed by community and start; found by the ticket its check-in codes begin with. */
  activities: { indexes: ['communityId,startAt', 'ticket'] },
  /** Sign-ups and check-ins, `<activityId>:<residentId>`; a resident's own list by sign-up time; the reminders due by time. */
  activitySignups: { indexes: ['activityId', 'residentId,signedAt', 'reminder,remindAt'] },
  /** Volunteer teams (志愿服务队): a leader and members. */
  teams: { indexes: ['communityId', 'memberIds'] },
  /** 学习 (cloudfunctions/learning): lessons with a quiz whose answers never leave the server; listed by community, newest first. */
  lessons: { indexes: ['communityId,createdAt'] },
  /** A resident's pass of a lesson, `<lessonId>:<residentId>`: written once, in the transaction that pays for it. */
  lessonResults: { indexes: ['residentId', 'lessonId'] },
  /** Each answer to a quiz under its requestId (a retry answers the same), passed or not. */
  lessonAnswers: { indexes: ['lessonId', 'residentId'] },
  /** A resident's learning credits of a day (`<residentId>:<day>`): the daily cap, kept in the paying transaction. */
  learningCaps: { indexes: [] },
  /**
   * 说事 (src/core/voices.ts): suggestions, wishes and hazard reports. Lists read by community and kind (the public ones,
   * newest first or most supported first), by poster, by taker, by grid or courtyard (staff queues); the timer finds
   * hazards waiting too long by status and time.
   */
  voices: { indexes: ['communityKind,createdAt', 'communityKind,rank', 'author.openid,createdAt', 'taker.openid,createdAt', 'gridId,createdAt', 'courtyardId,createdAt', 'status,createdAt', 'communityId,createdAt'] },
  /** 附议: one per member and suggestion, `<postId>:<openid>`. */
  voiceSupports: { indexes: ['openid'] },
  /** 积分卡 (src/core/cards.ts): a resident's card, its number, its PIN's hash and wrong tries; `_id` is what the token signs. */
  cards: { indexes: ['residentId', 'communityId'] },
} as const satisfies Record<string, { indexes: readonly string[] }>

export type CollectionName = keyof typeof COLLECTIONS
