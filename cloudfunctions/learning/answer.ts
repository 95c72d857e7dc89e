/**
 * 答题: a resident answers a lesson's quiz. At least 80% right passes; the first pass pays the lesson's points once
 * (a ledger entry keyed by lesson and resident), up to what is left of the day's learning cap, following the
 * community's settlement (pending under monthly), and is projected to the scores like any credit.
 */
import { DomainError } from '../../src/core/errors'
import { answerInput, passes } from '../../src/core/learning.schema'
import { dayKey, monthKey } from '../../src/core/period'
import { fromTenths } from '../../src/core/points'
import { transaction } from '../_shared/cloud'
import { action } from '../_shared/handler'
import { type LedgerRecord, postEntry, projectEntry, walletOf } from '../_shared/ledger'
import { placementOf, residentInCommunity } from '../_shared/people'
import { readSettings } from '../_shared/settings'
import { lessonOf } from './lessons'
import { type AnswerRecord, type LearningCapRecord, type LessonResultRecord, type Outcome, answerIdFor, capIdFor, entryKeyFor, resultIdFor } from './records'

const outcomeOf = (r: AnswerRecord): Outcome => ({
  passed: r.passed,
  correct: r.correct,
  total: r.total,
  points: r.points,
  capped: r.capped,
  alreadyPassed: r.alreadyPassed,
  pending: r.pending,
})

/**
 * What a pass pays: the lesson's points, or what is left of the day's cap (`capTenths`, 0 = no cap) when that is less.
 * All in tenths.
 */
export function payOf(pointsTenths: number, capTenths: number, paidTodayTenths: number): { payTenths: number; capped: boolean } {
  if (capTenths <= 0) return { payTenths: pointsTenths, capped: false }
  const payTenths = Math.max(0, Math.min(pointsTenths, capTenths - paidTodayTenths))
  return { payTenths, capped: payTenths < pointsTenths }
}

/**
 * `{ lessonId, answers, requestId }` → `{ passed, correct, total, points, capped, alreadyPassed, pending }`. Which answers
 * were wrong is not said (that would give the right ones away); a failed try may be tried again. A retried requestId
 * answers what the first did.
 */
export const answer = action({
  input: answerInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<Outcome> => {
    const id = answerIdFor(ctx.openid, input.requestId)
    const replay = ((await ctx.db.collection('lessonAnswers').doc(id).get()).data as AnswerRecord[])[0]
    if (replay) return outcomeOf(replay)
    if (!ctx.user.residentId) throw new DomainError('AUTH.FORBIDDEN', '学习得积分只给本社区的居民')
    const [lesson, resident] = await Promise.all([lessonOf(ctx, input.lessonId), residentInCommunity(ctx, ctx.user.residentId)])
    if (input.answers.length !== lesson.quiz.length) throw new DomainError('INPUT.INVALID', `这一课有 ${lesson.quiz.length} 道题，请每道题都选一个答案`)
    const total = lesson.quiz.length
    const correct = lesson.quiz.filter((q, i) => q.answer === input.answers[i]).length
    const passed = passes(correct, total)
    const now = ctx.now()
    const record = (o: Omit<Outcome, 'passed' | 'correct' | 'total'>): AnswerRecord => ({
      _id: id,
      communityId: lesson.communityId,
      lessonId: lesson._id,
      residentId: resident._id,
      openid: ctx.openid,
      answers: input.answers,
      at: now.toISOString(),
      passed,
      correct,
      total,
      ...o,
    })

    if (!passed) {
      const failed = record({ points: 0, capped: false, alreadyPassed: false, pending: false })
      const { _id: _ignored, ...doc } = failed
      await ctx.db.collection('lessonAnswers').doc(id).set(doc)
      return outcomeOf(failed)
    }

    // Where a pass pays: the resident's wallet (or the household's), spendable now or pending until the month's publicity ends.
    const [placement, settings] = await Promise.all([placementOf(ctx.db, resident), readSettings(ctx.db, lesson.communityId)])
    const monthly = settings.settlement === 'monthly'
    const day = dayKey(now)
    const { outcome, entry } = await transaction(ctx.db, async (tx) => {
      const again = (await tx.collection('lessonAnswers').doc(id).get()).data as AnswerRecord | null
      if (again) return { outcome: outcomeOf(again), entry: null }
      const resultId = resultIdFor(lesson._id, resident._id)
      const before = (await tx.collection('lessonResults').doc(resultId).get()).data as LessonResultRecord | null
      let written: AnswerRecord
      let entry: LedgerRecord | null = null
      if (before) {
        written = record({ points: 0, capped: false, alreadyPassed: true, pending: false })
      } else {
        // The day's learning credits, counted in this transaction: concurrent passes cannot pay past the cap.
        const capId = capIdFor(resident._id, day)
        const today = (await tx.collection('learningCaps').doc(capId).get()).data as LearningCapRecord | null
        const paidToday = today?.paidTenths ?? 0
        const { payTenths, capped } = payOf(lesson.pointsTenths, settings.learningDailyCap * 10, paidToday)
        if (payTenths > 0) {
          entry = await postEntry(
            tx,
            {
              key: entryKeyFor(lesson._id, resident._id),
              accountId: walletOf(placement, settings.householdWallet),
              delta: payTenths,
              kind: 'credit',
              source: { type: 'lesson', id: lesson._id },
              operator: ctx.openid,
              operatorName: ctx.user.name,
              note: `学习：${lesson.title}`,
            },
            placement,
            now,
            monthly ? { pendingMonth: monthKey(now) } : {},
          )
          const counter: LearningCapRecord = { residentId: resident._id, day, paidTenths: paidToday + payTenths }
          await tx.collection('learningCaps').doc(capId).set(counter)
        }
        const result: Omit<LessonResultRecord, '_id'> = {
          communityId: lesson.communityId,
          lessonId: lesson._id,
          residentId: resident._id,
          passedAt: now.toISOString(),
          paidTenths: payTenths,
          entryId: entry?._id ?? null,
        }
        await tx.collection('lessonResults').doc(resultId).set(result)
        written = record({ points: fromTenths(payTenths), capped, alreadyPassed: false, pending: monthly && payTenths > 0 })
      }
      const { _id: _ignored, ...doc } = written
      await tx.collection('lessonAnswers').doc(id).set(doc)
      return { outcome: outcomeOf(written), entry }
    })
    // On the board and the rankings like any credit.
    if (entry) await projectEntry(ctx.db, entry._id)
    return outcome
  },
})
