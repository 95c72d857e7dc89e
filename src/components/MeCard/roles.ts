import { ROLE_NAMES, type Me } from '@core/user'

export interface RoleLabel {
  key: string
  text: string
}

/**
 * What a person is, in the office's words: 居民 for anyone living in a household, then each role held,
 * with the node it is held over (院长（1号院）, 商家店员（善治超市）).
 */
export function roleLabels(me: Pick<Me, 'residentId' | 'roles'>): RoleLabel[] {
  const labels: RoleLabel[] = []
  if (me.residentId) labels.push({ key: 'resident', text: '居民' })
  for (const grant of me.roles) {
    const name = ROLE_NAMES[grant.role] ?? grant.role
    labels.push({ key: `${grant.role}:${grant.nodeId}`, text: grant.nodeName ? `${name}（${grant.nodeName}）` : name })
  }
  return labels
}
