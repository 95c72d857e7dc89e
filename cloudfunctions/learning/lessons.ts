/** Lessons: read by every member of the community, published and changed by its admin. */
import { DomainError } from '../../src/core/errors'
import { getInput, listInput, saveInput } from '../../src/core/learning.schema'
import { fromTenths, toTenths } from '../../src/core/points'
import { cloudApp } from '../_shared/cloud'
import { administeredCommunity, communityOf } from '../_shared/community'
import { pathOf, viewableLinks } from '../_shared/evidence'
import { action, type MemberCtx } from '../_shared/handler'
import { pageBy } from '../_shared/paging'
import { admit, screen } from '../_shared/screening'
import { type LessonRecord, type LessonResultRecord, type Lesson, type LessonItem, lessonIdFor, resultIdFor, toLesson, toLessonItem } from './records'

const PAGE = 20

/** A lesson of the caller's community, or NOT_FOUND (another community's is never admitted to exist). */
export async function lessonOf(ctx: MemberCtx, lessonId: string): Promise<LessonRecord> {
  const lesson = ((await ctx.db.collection('lessons').doc(lessonId).get()).data as LessonRecord[])[0]
  if (!lesson || lesson.communityId !== communityOf(ctx)) throw new DomainError('NOT_FOUND', '没有找到这一课')
  return lesson
}

/** The caller's passes among `lessonIds` (none for a caller who is not a resident). */
async function passesOf(ctx: MemberCtx, lessonIds: readonly string[]): Promise<Map<string, LessonResultRecord>> {
  const residentId = ctx.user.residentId
  const found = new Map<string, LessonResultRecord>()
  if (!residentId || lessonIds.length === 0) return found
  const _ = ctx.db.command
  const rows = (await ctx.db.collection('lessonResults').where({ _id: _.in(lessonIds.map((id) => resultIdFor(id, residentId))) }).limit(lessonIds.length).get()).data as LessonResultRecord[]
  for (const r of rows) found.set(r.lessonId, r)
  return found
}

/** The lessons of the caller's community, newest first, 20 a page, each with whether the caller passed it. */
export const list = action({
  input: listInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ items: LessonItem[]; cursor?: string }> => {
    const communityId = communityOf(ctx)
    const page = await pageBy<LessonRecord>(ctx.db, 'lessons', { communityId }, { field: 'createdAt', direction: 'desc', cursor: input.cursor, size: PAGE })
    const passed = await passesOf(ctx, page.items.map((l) => l._id))
    return { items: page.items.map((l) => toLessonItem(l, passed.has(l._id))), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/** One lesson with its quiz (questions and options, never the answers), its video's link, and whether the caller passed it and got what. */
export const get = action({
  input: getInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ lesson: Lesson; passed: boolean; paid: number }> => {
    const lesson = await lessonOf(ctx, input.lessonId)
    const [links, passes] = await Promise.all([lesson.videoFileId ? viewableLinks([lesson.videoFileId]) : Promise.resolve(new Map<string, string>()), passesOf(ctx, [lesson._id])])
    const result = passes.get(lesson._id)
    return { lesson: toLesson(lesson, lesson.videoFileId ? (links.get(lesson.videoFileId) ?? null) : null), passed: !!result, paid: result ? fromTenths(result.paidTenths) : 0 }
  },
})

/** A video the admin names: one of their own uploads, there to be served. */
async function checkVideo(openid: string, fileID: string): Promise<void> {
  const path = pathOf(fileID)
  if (!path || !path.startsWith(`evidence/${openid}/`)) throw new DomainError('INPUT.INVALID', '视频不是您本人上传的，请重新上传')
  const { fileList } = await cloudApp().getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  if ((fileList as { code?: string }[])[0]?.code !== 'SUCCESS') throw new DomainError('INPUT.INVALID', '视频找不到了，请重新上传')
}

/**
 * Publishes a lesson (no `id`; a retried requestId creates it once) or changes one (admin). Its title, text and quiz
 * are screened like any published text; a change applies to answers from then on (a pass already paid stays paid).
 */
export const save = action({
  input: saveInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ lesson: Lesson }> => {
    const communityId = administeredCommunity(ctx)
    const now = ctx.now().toISOString()
    // Residents read all of it: the title, the text and every question and option are screened, beside the reads.
    const quizText = input.quiz.map((q) => [q.question, ...q.options].join('\n')).join('\n')
    const screening = screen(ctx.openid, 'forum', { texts: { 标题: input.title, 学习内容: input.body, 题目: quizText } }, ctx.now())
    const id = input.id ?? lessonIdFor(communityId, input.requestId)
    const [current] = await Promise.all([
      ctx.db.collection('lessons').doc(id).get().then((r) => ((r.data as LessonRecord[])[0] ?? null) as LessonRecord | null),
      input.videoFileId ? checkVideo(ctx.openid, input.videoFileId) : Promise.resolve(),
    ])
    if (input.id && (!current || current.communityId !== communityId)) throw new DomainError('NOT_FOUND', '没有找到要修改的这一课')
    // A retried create answers the lesson it made (its id derives from the requestId).
    if (!input.id && current) return { lesson: toLesson(current) }
    const screeningRecord = admit(await screening)
    const fields = {
      title: input.title,
      body: input.body,
      quiz: input.quiz.map((q) => ({ question: q.question, options: q.options, answer: q.answer })),
      pointsTenths: toTenths(input.points),
      updatedAt: now,
      updatedBy: ctx.openid,
    }
    const _ = ctx.db.command
    let saved: LessonRecord
    if (current) {
      await ctx.db
        .collection('lessons')
        .doc(id)
        .update({ ...fields, videoFileId: input.videoFileId ?? _.remove(), screening: screeningRecord ? _.set(screeningRecord) : _.remove() })
      const { videoFileId: _old, screening: _screening, ...kept } = current
      saved = { ...kept, ...fields, ...(input.videoFileId ? { videoFileId: input.videoFileId } : {}), ...(screeningRecord ? { screening: screeningRecord } : {}) }
      ctx.audit({ target: { type: 'lesson', id }, before: { title: current.title, points: fromTenths(current.pointsTenths), questions: current.quiz.length } })
    } else {
      const { _id: _ignored, ...record }: LessonRecord = {
        _id: id,
        communityId,
        ...fields,
        ...(input.videoFileId ? { videoFileId: input.videoFileId } : {}),
        createdAt: now,
        createdBy: ctx.openid,
        ...(screeningRecord ? { screening: screeningRecord } : {}),
      }
      await ctx.db.collection('lessons').doc(id).set(record)
      saved = { _id: id, ...record }
      ctx.audit({ target: { type: 'lesson', id } })
    }
    ctx.audit({ after: { title: saved.title, points: fromTenths(saved.pointsTenths), questions: saved.quiz.length } })
    return { lesson: toLesson(saved) }
  },
})
