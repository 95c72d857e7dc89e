/**
 * Authority follows the org tree: a role held over a node covers that node's whole subtree
 * (community → grid → courtyard → household). Every org record carries `path`, its ancestors from
 * the community down to itself, so "is X inside Y" is one array lookup, never a walk.
 */
import type { Role } from './user'

export type OrgLevel = 'community' | 'grid' | 'courtyard' | 'household'

export interface Placed {
  /** The ids from the community down to this node (or, for a resident, down to their household). */
  path: readonly string[]
}

export interface Grant {
  role: Role
  nodeId: string
}

/** Whether a role over `nodeId` covers `target`. */
export function covers(nodeId: string, target: Placed): boolean {
  return target.path.includes(nodeId)
}

/** The grants among `grants` with one of `roles` that cover `target`. */
export function grantsOver(grants: readonly Grant[], roles: readonly Role[], target: Placed): Grant[] {
  return grants.filter((g) => roles.includes(g.role) && covers(g.nodeId, target))
}
