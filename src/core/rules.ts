/** The rule catalogue (积分细则) as the API speaks it: categories of items with fixed points. */
import { z } from 'zod'

/**
 * What an item is also for, besides claims: the loops of 说事 (src/core/voices.ts) credit by the item that carries their
 * sign — an adopted suggestion its author, a confirmed wish its taker, an accepted hazard report its reporter. One
 * item per sign in a community; none: the loop runs without points.
 */
export const RULE_PURPOSES = ['suggestion', 'wish', 'hazard'] as const
export type RulePurpose = (typeof RULE_PURPOSES)[number]
export const RULE_PURPOSE_NAMES: Record<RulePurpose, string> = {
  suggestion: '居民说事的建议被采纳时，给提建议的人加分',
  wish: '微心愿完成并确认后，给认领的人加分',
  hazard: '随手拍的隐患被受理后，给报告的人加分',
}

export const ruleItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Decimal points, at most one decimal place. */
  points: z.number(),
  photosRequired: z.boolean(),
  /** How many times a resident may claim it in a month; 0 means no cap. */
  capPerMonth: z.number().int(),
  enabled: z.boolean(),
  /** The 说事 loop this item credits, if any. */
  purpose: z.enum(RULE_PURPOSES).optional(),
})
export type RuleItem = z.infer<typeof ruleItemSchema>

export interface RuleCategory {
  id: string
  name: string
  items: RuleItem[]
}


/** A category or an item by its place in the catalogue (0 first): what a move answers. */
export interface CatalogueEntry {
  id: string
  name: string
  order: number
}
