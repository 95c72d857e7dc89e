/** How lessons, passes and answers are stored, and what of them leaves the server: never a quiz's answers. */
import { fromTenths } from '../../src/core/points'
import type { ScreeningRecord } from '../../src/core/screening'
import { derivedId } from '../_shared/ids'

/** One question as stored: with the index of its right option, which stays here. */
export interface QuestionRecord {
  question: string
  options: string[]
  answer: number
}

/** A lesson (`lessons`): published by the community's admin; `_id` derives from the community and the admin's requestId. */
export interface LessonRecord {
  _id: string
  communityId: string
  title: string
  body: string
  videoFileId?: string
  quiz: QuestionRecord[]
  pointsTenths: number
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
  screening?: ScreeningRecord
}

/**
 * A resident's pass of a lesson (`lessonResults`, `_id` `<lessonId>:<residentId>`): written once, in the transaction
 * that pays for it, so a lesson pays once per resident whatever the attempts. `paidTenths` is what was paid (less than
 * the lesson's points, or none, when the day's learning cap was reached).
 */
export interface LessonResultRecord {
  _id: string
  communityId: string
  lessonId: string
  residentId: string
  passedAt: string
  paidTenths: number
  entryId: string | null
}

/** What an answer answered, kept under its requestId (`lessonAnswers`): a retry answers the same. */
export interface Outcome {
  passed: boolean
  correct: number
  total: number
  /** The points this answer paid (0 when it failed, was capped to nothing, or the lesson was passed before). */
  points: number
  /** The day's learning cap paid less than the lesson's points. */
  capped: boolean
  /** The lesson was passed before: this pass pays nothing. */
  alreadyPassed: boolean
  /** The points wait for the month's publicity to end (monthly settlement). */
  pending: boolean
}

export interface AnswerRecord extends Outcome {
  _id: string
  communityId: string
  lessonId: string
  residentId: string
  openid: string
  answers: number[]
  at: string
}

/** A resident's learning credits of one day (`learningCaps`, `_id` `<residentId>:<day>`): the daily cap, kept in the paying transaction. */
export interface LearningCapRecord {
  residentId: string
  day: string
  paidTenths: number
}

export const lessonIdFor = (communityId: string, requestId: string) => derivedId('lesson', communityId, requestId)
export const resultIdFor = (lessonId: string, residentId: string) => `${lessonId}:${residentId}`
export const answerIdFor = (openid: string, requestId: string) => derivedId('la', openid, requestId)
export const capIdFor = (residentId: string, day: string) => `${residentId}:${day}`
/** The ledger entry of a lesson's points: keyed by lesson and resident, so it posts once. */
export const entryKeyFor = (lessonId: string, residentId: string) => `lesson:${lessonId}:${residentId}`

/** A lesson as members read it: the quiz's questions and options, without the answers. */
export function toLesson(r: LessonRecord, videoUrl: string | null = null) {
  return {
    id: r._id,
    title: r.title,
    body: r.body,
    videoFileId: r.videoFileId ?? null,
    videoUrl,
    points: fromTenths(r.pointsTenths),
    quiz: r.quiz.map((q) => ({ question: q.question, options: [...q.options] })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}

/** A lesson in the list: no body, no quiz; whether the caller passed it. */
export function toLessonItem(r: LessonRecord, passed: boolean) {
  return {
    id: r._id,
    title: r.title,
    points: fromTenths(r.pointsTenths),
    questions: r.quiz.length,
    hasVideo: !!r.videoFileId,
    passed,
    createdAt: r.createdAt,
  }
}

export type Lesson = ReturnType<typeof toLesson>
export type LessonItem = ReturnType<typeof toLessonItem>
