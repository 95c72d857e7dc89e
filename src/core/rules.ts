/** The rule catalogue (积分细则) as the API speaks it: categories of items with fixed points. */
import { z } from 'zod'
import { shortLabel } from './inputs'
import { pointsInput } from './points'

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

/** What an admin sends to create or change an item. */
export const ruleSaveInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    categoryId: z.string().min(1).max(64).optional(),
    /** A new category, created on the fly when no categoryId is given. */
    categoryName: shortLabel('类别名称', 20, { min: 1 }).optional(),
    name: shortLabel('名称', 40, { minMessage: '名称至少两个字', maxMessage: '名称不超过 40 个字' }),
    points: pointsInput,
    photosRequired: z.boolean(),
    capPerMonth: z.number().int().min(0).max(100),
  })
  .refine((r) => r.categoryId || r.categoryName, { message: '请选择类别或填写新类别名称', path: ['categoryId'] })
export type RuleSaveInput = z.infer<typeof ruleSaveInput>
