/** The inputs of the learning function (学习): lessons with a short quiz, as the function validates them and the admin's form checks them. */
import { z } from 'zod'
import { cursorInput, freeText, idInput, pointsInput, requestIdInput, shortLabel } from './inputs'

/** How many options a question offers, and how many questions a lesson may ask. */
export const MIN_OPTIONS = 2
export const MAX_OPTIONS = 6
export const MAX_QUESTIONS = 20
/** The most a lesson pays. */
export const MAX_LESSON_POINTS = 50

/** A quiz passes when at least this share of its answers is right (4 of 5 pass, 3 of 5 do not). */
export const PASS_NUMERATOR = 4
export const PASS_DENOMINATOR = 5
export const passes = (correct: number, total: number) => total > 0 && correct * PASS_DENOMINATOR >= total * PASS_NUMERATOR

/** One question: its text, 2–6 options (no two the same), and the index of the right one. */
export const questionInput = z
  .object({
    question: shortLabel('题目', 200, { minMessage: '题目至少两个字', maxMessage: '题目不超过 200 个字' }),
    options: z
      .array(shortLabel('选项', 100, { min: 1, minMessage: '选项不能是空的', maxMessage: '选项不超过 100 个字' }))
      .min(MIN_OPTIONS, `每道题至少 ${MIN_OPTIONS} 个选项`)
      .max(MAX_OPTIONS, `每道题最多 ${MAX_OPTIONS} 个选项`),
    answer: z.number().int('正确答案要选一个选项').min(0, '正确答案要选一个选项').max(MAX_OPTIONS - 1, '正确答案要选一个选项'),
  })
  .superRefine((q, ctx) => {
    if (q.answer >= q.options.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['answer'], message: '正确答案要选一个选项' })
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: '选项不能重复' })
  })

/** The lessons of the caller's community, newest first. */
export const listInput = z.object({ cursor: cursorInput.optional() })

/** One lesson, with its quiz (never its answers). */
export const getInput = z.object({ lessonId: idInput })

/** What the admin sends to publish a lesson (no `id`; a retried `requestId` creates once) or change one. */
export const saveInput = z.object({
  id: idInput.optional(),
  title: shortLabel('标题', 40, { minMessage: '标题至少两个字', maxMessage: '标题不超过 40 个字' }),
  body: freeText('学习内容', 5000, { min: 10, minMessage: '学习内容至少 10 个字', maxMessage: '学习内容不超过 5000 个字' }),
  /** A video the admin uploaded (their own upload folder), shown above the text. */
  videoFileId: z.string().min(1).max(512).optional(),
  quiz: z.array(questionInput).min(1, '至少出一道题').max(MAX_QUESTIONS, `最多 ${MAX_QUESTIONS} 道题`),
  points: pointsInput(MAX_LESSON_POINTS),
  requestId: requestIdInput,
})
export type LessonSaveInput = z.input<typeof saveInput>

/** A resident's answers to a lesson's quiz: one option index per question, in order. */
export const answerInput = z.object({
  lessonId: idInput,
  answers: z.array(z.number().int().min(0).max(MAX_OPTIONS - 1)).min(1).max(MAX_QUESTIONS),
  requestId: requestIdInput,
})
