/**
 * What a viewer sees of a person: the one rule every answer that shows a resident or a household goes through.
 *
 * A name is seen whole by the person themselves (and a household's name by its members), and by the officials who
 * answer for them — the community's admin, the head of their courtyard, the grid worker of their grid. Everyone else
 * (other residents, heads and grid workers elsewhere, merchant clerks) sees it masked: 张秀英 → 张*英, 张秀英家 →
 * 张*英家. Where a subject stands is not known (an old record), it is masked: not knowing is not being in scope.
 *
 * Names of officials acting in office — who reviewed a claim, inspected a courtyard, redeemed a voucher — are not
 * subjects here: an official act is signed.
 */
import { DELETED_NAME, maskName } from './names'
import { type Grant, grantsOver } from './scope'

/** Who is looking: their roles, and (for a resident) who and which household they are. */
export interface Viewer {
  roles: readonly Grant[]
  residentId?: string | null
  householdId?: string | null
}

/** Who is shown, and where they stand (as much as is known). */
export interface Subject {
  kind: 'person' | 'household'
  name: string
  communityId: string
  gridId?: string | null
  courtyardId?: string | null
  /** The person (kind `person`). */
  residentId?: string | null
  /** The household (kind `household`). */
  householdId?: string | null
}

/**
 * Whoever holds a copy that leaves the system — the printed board, the export for the notice board or the merchants —
 * is nobody in particular: every name masked.
 */
export const PUBLIC: Viewer = { roles: [] }

/** The viewer of a call: its roles and its own resident and household (a handler's context fits as it is). */
export function viewerOf(ctx: { roles: readonly Grant[]; user: { residentId?: string | null; householdId?: string | null } | null }): Viewer {
  return { roles: ctx.roles, residentId: ctx.user?.residentId ?? null, householdId: ctx.user?.householdId ?? null }
}

/** Whether the viewer sees the subject's name whole. */
export function seesInFull(viewer: Viewer, subject: Subject): boolean {
  if (subject.kind === 'person' && subject.residentId && subject.residentId === viewer.residentId) return true
  if (subject.kind === 'household' && subject.householdId && subject.householdId === viewer.householdId) return true
  // The officials over the place the subject stands: admin of the community, grid worker of the grid, head of the courtyard.
  const path = [subject.communityId, subject.gridId, subject.courtyardId].filter((id): id is string => !!id)
  return grantsOver(viewer.roles, ['admin', 'grid', 'head'], { path }).length > 0
}

/** A household's name masked like the person it is named after: 张秀英家 → 张*英家; a name of another form, as a name. */
export function maskHouseholdName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length > 1 && chars[chars.length - 1] === '家') return `${maskName(chars.slice(0, -1).join(''))}家`
  return maskName(name)
}

/** The subject's name as this viewer may see it (a deleted person's 已注销居民 names nobody and stays as it is). */
export function nameFor(viewer: Viewer, subject: Subject): string {
  if (subject.name === DELETED_NAME || seesInFull(viewer, subject)) return subject.name
  return subject.kind === 'household' ? maskHouseholdName(subject.name) : maskName(subject.name)
}
