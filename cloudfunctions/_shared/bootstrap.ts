/**
 * A new community from nothing (`npm run setup`): its org node, the default settings, a rule catalogue from a
 * template, and a one-time admin invite whose first user becomes the community's admin (user.join). The admin
 * builds the rest (grids, courtyards, invites) and edits the catalogue afterwards.
 * Not a cloud function: the setup script runs it through the SDK, against the local cloud or CloudBase alike.
 */
import { randomBytes } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { ADMIN_INVITE_DAYS, formatInviteCode } from '../../src/core/invites'
import { toTenths } from '../../src/core/points'
import { type CommunitySetupInput, type RuleTemplate, RULE_TEMPLATES, type TemplateName, communitySetupInput } from '../../src/core/templates'
import { type Db, transaction } from './cloud'
import { newInvite } from '../org/issue-invite'

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
        data: { communityId, categoryId, name, pointsTenths: toTenths(points), photosRequired, capPerMonth, enabled: true, order: itemOrder, createdAt: at },
      })
    }
  }
  return docs
}

/** An opaque id: a prefix and random hex, never derived from a name. */
const randomId = (prefix: string) => `${prefix}-${randomBytes(10).toString('hex')}`

export interface NewCommunity {
  communityId: string
  name: string
  template: TemplateName
  categories: number
  rules: number
  invite: { code: string; display: string; expiresAt: string }
}

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
  // Issued by nobody who has an account: the setup itself.
  const invite = newInvite(
    { communityId, gridId: null, courtyardId: null, householdId: null, role: 'admin', maxUses: 1, days: ADMIN_INVITE_DAYS },
    now,
    'setup',
  )

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
    invite: { code: invite._id, display: formatInviteCode(invite._id), expiresAt: invite.expiresAt },
  }
}
