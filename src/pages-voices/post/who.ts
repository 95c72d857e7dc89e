/**
 * Who may post a 说事 for someone else, or about a courtyard not their own: the staff over residents (院长, 网格员,
 * 工作小组). The voices function lets them post for a resident in their charge (代说事) and name the courtyard.
 */
import type { Me, Role } from '@core/user'
import type { TreeNode } from '../../api'
import { courtyardsOf } from '../../pages-review/treeWalk'

const STAFF: readonly Role[] = ['head', 'grid', 'admin']

/** Whether `me` is staff over residents: they may post for one (代说事), and without a resident record of their own. */
export const postsForOthers = (me: Pick<Me, 'roles'>): boolean => me.roles.some((r) => STAFF.includes(r.role))

export interface CourtyardChoice {
  id: string
  name: string
}

/**
 * The courtyards a post may be about: those of the caller's part of the org tree, with the caller's own first (where
 * they live, which the tree may not hold: a 院长 of another courtyard).
 */
export function courtyardChoices(root: TreeNode | null, me: Pick<Me, 'courtyardId' | 'courtyardName'>): CourtyardChoice[] {
  const inTree = root ? courtyardsOf(root).map((c) => ({ id: c.id, name: c.name })) : []
  const own = me.courtyardId ? [{ id: me.courtyardId, name: inTree.find((c) => c.id === me.courtyardId)?.name ?? me.courtyardName ?? '我住的院落' }] : []
  return [...own, ...inTree.filter((c) => c.id !== me.courtyardId)]
}
