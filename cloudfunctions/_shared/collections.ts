/**
 * Every collection the project uses, with the fields it is queried by. One list for both sides:
 * the local cloud creates these tables and SQLite expression indexes at start; for CloudBase,
 * `npm run deploy:db` creates the collections and prints the indexes to add in the console.
 */
export const COLLECTIONS = {
  /** One per WeChat account that has joined; `_id` is the openid. Holds its roles (`roles: [{ role, nodeId }]`). */
  users: { indexes: ['communityId', 'residentId', 'merchantId', 'roles.nodeId'] },
  /** People of a household; a resident without a phone has no openid and is claimed for by proxy. */
  residents: { indexes: ['openid', 'communityId', 'householdId', 'courtyardId', 'gridId'] },
  /** The org tree: community → grid → courtyard (院落) → household. */
  orgNodes: { indexes: ['communityId', 'parentId', 'type'] },
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
} as const satisfies Record<string, { indexes: readonly string[] }>

export type CollectionName = keyof typeof COLLECTIONS
