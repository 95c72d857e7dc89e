/** How rule records are stored, and how they read through the API. */
import { fromTenths } from '../../src/core/points'
import type { RuleItem, RulePurpose } from '../../src/core/rules'

export interface RuleRecord {
  _id: string
  communityId: string
  categoryId: string
  name: string
  pointsTenths: number
  photosRequired: boolean
  capPerMonth: number
  enabled: boolean
  order: number
  purpose?: RulePurpose | null
}

export interface CategoryRecord {
  _id: string
  communityId: string
  name: string
  order: number
}

export function toRuleItem(r: RuleRecord): RuleItem {
  return {
    id: r._id,
    name: r.name,
    points: fromTenths(r.pointsTenths),
    photosRequired: r.photosRequired,
    capPerMonth: r.capPerMonth,
    enabled: r.enabled,
    ...(r.purpose ? { purpose: r.purpose } : {}),
  }
}
