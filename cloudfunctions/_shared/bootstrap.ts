/**
 * A new community from nothing (`npm run setup`): its org node, the default settings, a rule catalogue from a
 * template, and a one-time admin invite whose first user becomes the community's admin (user.join). The admin
 * builds the rest (grids, courtyards, invites) and edits the catalogue afterwards. For a community that exists,
 * `--new-admin-code` issues a fresh admin invite (newAdminCode) when the first went unused or its admin is gone.
 * Not a cloud function: the setup script runs it through the SDK, against the local cloud or CloudBase alike.
 */
import { randomBytes } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { ADMIN_INVITE_DAYS, formatInviteCode } from '../../src/core/invites'
import { toTenths } from '../../src/core/points'
import { type CommunitySetupInput, type RuleTemplate, PURPOSE_OF_KEY, RULE_TEMPLATES, type TemplateName, communitySetupInput } from '../../src/core/templates'
import { type Db, transaction } from './cloud'
import { holdersOf } from './people'
import { type InviteRecord, newInvite } from '../org/issue-invite'

/** One document of a catalogue: collection, id, fields. */
export interface CatalogueDoc {
  collection: 'ruleCategories' | 'rules'
  id: string
  data: Record<string, unknown>
}

/**
 * A template's categories and items as documents of `communityId`, in their template order. `idOf` names each one
 * from its template key: the demo keeps the keys as ids, a new community draws random ones.
 */
export function catalogueDocs(template: RuleTemplate, communityId: string, idOf: (key: string, kind: 'cat' | 'rule') => string, at: string): CatalogueDoc[] {
  const docs: CatalogueDoc[] = []
  for (const [order, category] of template.categories.entries()) {
    const categoryId = idOf(category.key, 'cat')
    docs.push({ collection: 'ruleCategories', id: categoryId, data: { communityId, name: category.name, order, createdAt: at } })
    for (const [itemOrder, [key, name, points, photosRequired, capPerMonth]] of category.items.entries()) {
      docs.push({
        collection: 'rules',
        id: idOf(key, 'rule'),
        data: { communityId, categoryId, name, pointsTenths: toTenths(points), photosRequired, capPerMonth, enabled: true, order: itemOrder, createdAt: at, ...(PURPOSE_OF_KEY[key] ? { purpose: PURPOSE_OF_KEY[key] } : {}) },
      })
    }
  }
  return docs
}

/** An opaque id: a prefix and random hex, never derived from a name. */
const randomId = (prefix: string) => `${prefix}-${randomBytes(10).toString('hex')}`

/** An admin invite as setup prints it. */
export interface AdminCode {
  code: string
  display: string
  expiresAt: string
}

export interface NewCommunity {
  communityId: string
  name: string
  template: TemplateName
  categories: number
  rules: number
  invite: AdminCode
}

/**
 * A one-time admin invite of `communityId`, ADMIN_INVITE_DAYS from `now`: its first user becomes the community's
 * admin. Issued by nobody who has an account: the setup itself. Not yet stored.
 */
function adminInvite(communityId: string, now: Date): InviteRecord {
  return newInvite({ communityId, gridId: null, courtyardId: null, householdId: null, role: 'admin', maxUses: 1, days: ADMIN_INVITE_DAYS }, now, 'setup')
}

const adminCode = (invite: InviteRecord): AdminCode => ({ code: invite._id, display: formatInviteCode(invite._id), expiresAt: invite.expiresAt })

/**
 * Creates a community named `name` (trimmed), refusing a name already taken (SETUP.COMMUNITY_EXISTS). Everything is
 * written in one transaction: a setup cut off halfway leaves nothing behind, so running it again is not refused by a
 * half-made community.
 */
export async function createCommunity(db: Db, options: CommunitySetupInput & { now?: Date }): Promise<NewCommunity> {
  const parsed = communitySetupInput.safeParse(options)
  if (!parsed.success) throw new DomainError('INPUT.INVALID', parsed.error.issues.map((i) => i.message).join('；'))
  const { name, template } = parsed.data
  const now = options.now ?? new Date()
  const at = now.toISOString()

  // Outside the transaction: the cloud allows no query inside one. (Two setups of one name in the same second are
  // not something an office does.)
  const taken = await db.collection('orgNodes').where({ type: 'community', name }).count()
  if (taken.total > 0) throw new DomainError('SETUP.COMMUNITY_EXISTS', `已经有一个叫「${name}」的社区了，没有重复创建。要再建一个，请换一个名称。`)

  const communityId = randomId('community')
  const catalogue = catalogueDocs(RULE_TEMPLATES[template], communityId, (_key, kind) => randomId(kind), at)
  const invite = adminInvite(communityId, now)

  await transaction(db, async (tx) => {
    await tx.collection('orgNodes').doc(communityId).set({ type: 'community', name, parentId: null, communityId, path: [communityId], template, createdAt: at })
    await tx.collection('settings').doc(communityId).set({ communityId, ...DEFAULT_SETTINGS, createdAt: at })
    for (const doc of catalogue) await tx.collection(doc.collection).doc(doc.id).set(doc.data)
    const { _id, ...fields } = invite
    await tx.collection('invites').doc(_id).set(fields)
  })

  return {
    communityId,
    name,
    template,
    categories: catalogue.filter((d) => d.collection === 'ruleCategories').length,
    rules: catalogue.filter((d) => d.collection === 'rules').length,
    invite: adminCode(invite),
  }
}

export interface FreshAdminCode {
  communityId: string
  name: string
  invite: AdminCode
  /** How many earlier admin codes, still unused, this one replaced (they no longer work). */
  revoked: number
  /** The community's admins now, by name: the deployer sees whether one already exists. */
  admins: { openid: string; name: string }[]
}

/**
 * A fresh one-time admin invite for the existing community named `name` (`npm run setup -- --new-admin-code`): for
 * when nobody joined with the first one within its days, or its admin lost their phone or left. Every earlier admin
 * invite of the community that is still unused is revoked, so only the newest works. An unknown name is refused
 * (NOT_FOUND).
 *
 * It is never refused because the community already has an admin: whoever runs setup holds the cloud's secret keys
 * (or the local cloud's folder) and could write anything anyway, so they are trusted; the current admins are
 * returned so the deployer sees them.
 */
export async function newAdminCode(db: Db, options: { name: string; now?: Date }): Promise<FreshAdminCode> {
  const parsed = communitySetupInput.pick({ name: true }).safeParse(options)
  if (!parsed.success) throw new DomainError('INPUT.INVALID', parsed.error.issues.map((i) => i.message).join('；'))
  const { name } = parsed.data
  const now = options.now ?? new Date()

  // Queries outside the transaction: the cloud allows none inside one.
  const found = (await db.collection('orgNodes').where({ type: 'community', name }).limit(2).get()).data as { _id: string }[]
  if (found.length === 0) {
    throw new DomainError('NOT_FOUND', `没有叫「${name}」的社区，没有发管理员邀请码。请核对名称；要新建社区，请去掉 --new-admin-code。`)
  }
  const communityId = found[0]._id
  const earlier = (await db.collection('invites').where({ communityId, role: 'admin', revoked: false }).limit(1000).get()).data as InviteRecord[]
  const invite = adminInvite(communityId, now)

  const revoked = await transaction(db, async (tx) => {
    let count = 0
    for (const { _id } of earlier) {
      // Read again inside: a code someone is spending right now either was spent first (and is left alone) or is
      // revoked first (and their join is refused), never both.
      const current = ((await tx.collection('invites').doc(_id).get()).data ?? null) as InviteRecord | null
      if (!current || current.revoked || current.uses >= current.maxUses) continue
      await tx.collection('invites').doc(_id).update({ revoked: true, revokedAt: now.toISOString(), revokedBy: 'setup' })
      count++
    }
    const { _id, ...fields } = invite
    await tx.collection('invites').doc(_id).set(fields)
    return count
  })

  const admins = (await holdersOf(db, 'admin', communityId)).map((u) => ({ openid: u._id, name: u.name }))
  return { communityId, name, invite: adminCode(invite), revoked, admins }
}
