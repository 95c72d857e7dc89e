/** The inputs of the jobs function: the timer's tick, and a photo check's result pushed by WeChat. */
import { z } from 'zod'
import { noInput } from './inputs'

export const tickInput = noInput

/** What `asAction` (cloudfunctions/jobs) makes of a `wxa_media_check` push. */
export const mediaCheckedInput = z.object({
  traceId: z.string().trim().min(1).max(128),
  suggest: z.enum(['pass', 'review', 'risky', 'unchecked']),
  label: z.number().int().optional(),
})
