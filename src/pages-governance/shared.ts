/**
 * What the governance pages (公示与监督) share: months, dates as a person reads them, who holds which role, and walks of
 * the org tree. Plain arithmetic on `YYYY-MM` and a fixed +8 offset (format.ts): no time-zone data needed on the phone.
 */
import { monthBefore } from '@core/months'
import type { Me } from '@core/user'
import type { TreeNode } from '../api'
import { beijingParts, monthKeyOf } from '../components'

/** "2026-01" → "2025-12" (the one rule, in core/months). */
export { monthBefore }

/** Last month in Beijing time: the month whose board is up in the first days of this one. */
export const lastMonth = (now: Date = new Date()) => monthBefore(monthKeyOf(now))

/** 2026年11月3日, always with the year (a date on a notice or a suspension must not be guessed). */
export function fullDate(at: string | Date): string {
  const p = beijingParts(at)
  return `${p.year}年${p.month}月${p.day}日`
}

/** 2026-11-03 (Beijing). */
export function isoDay(at: string | Date): string {
  const p = beijingParts(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

export const isGridWorker = (me: Me) => me.roles.some((r) => r.role === 'grid')
export const isAdmin = (me: Me) => me.roles.some((r) => r.role === 'admin')
/** Who may nominate for the red and black lists and see the proposals waiting. */
export const isOfficial = (me: Me) => isGridWorker(me) || isAdmin(me)

/** Every courtyard under `root` (root itself when it is one), in the tree's order. */
export function courtyardsOf(root: TreeNode): TreeNode[] {
  if (root.type === 'courtyard') return [root]
  return root.children.flatMap(courtyardsOf)
}

export interface HouseholdChoice {
  id: string
  name: string
  courtyardName: string
  residents: { id: string; name: string }[]
}

/** Every household under `root`, with its courtyard and members, courtyard by courtyard. */
export function householdsOf(root: TreeNode): HouseholdChoice[] {
  const out: HouseholdChoice[] = []
  const walk = (n: TreeNode, courtyardName: string) => {
    const yard = n.type === 'courtyard' ? n.name : courtyardName
    if (n.type === 'household') out.push({ id: n.id, name: n.name, courtyardName: yard, residents: (n.residents ?? []).map((r) => ({ id: r.id, name: r.name })) })
    n.children.forEach((c) => walk(c, yard))
  }
  walk(root, '')
  return out
}
