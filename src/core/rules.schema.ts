/** The inputs of the rules function (积分细则), as the function validates them and the admin's form checks them. */
import { z } from 'zod'
import { idInput, pointsInput, requestIdInput, shortLabel } from './inputs'

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
    requestId: requestIdInput.optional(),
  })
  .refine((r) => r.categoryId || r.categoryName, { message: '请选择类别或填写新类别名称', path: ['categoryId'] })
export type RuleSaveInput = z.input<typeof saveInput>

/** Takes an item out (or, with `enabled: true`, puts it back). */
export const disableInput = z.object({ ruleId: idInput, enabled: z.boolean().optional() })
