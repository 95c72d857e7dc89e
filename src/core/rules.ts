/** The rule catalogue (积分细则) as the API speaks it: categories of items with fixed points. */
import { z } from 'zod'

export const ruleItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Decimal points, at most one decimal place. */
  points: z.number(),
  photosRequired: z.boolean(),
  /** How many times a resident may claim it in a month; 0 means no cap. */
  capPerMonth: z.number().int(),
  enabled: z.boolean(),
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
