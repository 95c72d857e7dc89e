/** The inputs of the rules function (积分细则), as the function validates them and the admin's form checks them. */
import { z } from 'zod'
import { idInput, pointsInput, requestIdInput, shortLabel } from './inputs'
import { RULE_PURPOSES } from './rules'

/** The catalogue; with `includeDisabled` (the admin) the items taken out too. */
export const listInput = z.object({ includeDisabled: z.boolean().optional() })

/** What an admin sends to create (no `id`; a retried `requestId` creates once) or change an item. */
export const saveInput = z
  .object({
    id: idInput.optional(),
    categoryId: idInput.optional(),
    /** A new category, created on the fly when no categoryId is given. */
    categoryName: shortLabel('类别名称', 20, { min: 1 }).optional(),
    name: shortLabel('名称', 40, { minMessage: '名称至少两个字', maxMessage: '名称不超过 40 个字' }),
    points: pointsInput(1000),
    photosRequired: z.boolean(),
    capPerMonth: z.number().int().min(0).max(100),
    /** The 说事 loop the item credits (null: none); giving it to this item takes it from any other. */
    purpose: z.enum(RULE_PURPOSES).nullable().optional(),
    requestId: requestIdInput.optional(),
  })
  .refine((r) => r.categoryId || r.categoryName, { message: '请选择类别或填写新类别名称', path: ['categoryId'] })
export type RuleSaveInput = z.input<typeof saveInput>

/** Takes an item out (or, with `enabled: true`, puts it back). */
export const disableInput = z.object({ ruleId: idInput, enabled: z.boolean().optional() })

/** A category's name: one line, 1–20 characters, unique within the community (the function checks that). */
export const categoryName = shortLabel('类别名称', 20, { min: 1, minMessage: '请填写类别名称', maxMessage: '类别名称不超过 20 个字' })

/** Adds a category (no `id`; a retried `requestId` adds once) or renames one. */
export const saveCategoryInput = z.object({ id: idInput.optional(), name: categoryName, requestId: requestIdInput.optional() })
export type CategorySaveInput = z.input<typeof saveCategoryInput>

/** Which way a category or an item moves in the catalogue: one place up (earlier) or down (later). */
export const directionInput = z.enum(['up', 'down'])

/** Moves a category one place up or down. */
export const moveCategoryInput = z.object({ categoryId: idInput, direction: directionInput })

/** Takes out a category with no item in it (enabled or not). */
export const removeCategoryInput = z.object({ categoryId: idInput })

/** Moves an item one place up or down within its category. */
export const moveRuleInput = z.object({ ruleId: idInput, direction: directionInput })
