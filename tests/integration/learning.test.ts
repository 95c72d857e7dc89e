/**
 * 学习 (issue 13) through the real SDK and the function gateway: the admin publishes a lesson with a quiz; members
 * read it without the answers (no action ever answers them); a resident passes with at least 80% right and is paid the
 * lesson's points once, up to the community's daily learning cap, pending under monthly settlement, and on the board.
 */
import type { PublicityItem } from '@core/governance'
import type { LessonSaveInput } from '@core/learning.schema'
import { monthKey } from '@core/period'
import { photoBytes, upload } from '../support/claims'
import { addOtherCommunity, ok, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud
let n = 0
const rid = (p: string) => `${p}-${++n}-learning`

beforeAll(async () => {
  cloud = await startCloud()
  await addOtherCommunity(cloud)
})
afterAll(() => cloud?.stop())

/** A quiz of `count` questions; question i's right option is i % 3 (of three). */
const quiz = (count: number) => Array.from({ length: count }, (_, i) => ({ question: `第 ${i + 1} 题：垃圾应该怎么分？`, options: ['可回收物', '厨余垃圾', '有害垃圾'], answer: i % 3 }))
/** Answers to a quiz of `count` with the first `right` of them right. */
const answers = (count: number, right: number) => Array.from({ length: count }, (_, i) => (i < right ? i % 3 : (i + 1) % 3))

/** A lesson's input, with `over` replacing some of it (wrong on purpose, in the refusals). */
const lessonInput = (over: Record<string, unknown> = {}): LessonSaveInput & { quiz: { question: string; options: string[]; answer: number }[] } => ({
  title: '垃圾分类小课堂',
  body: '垃圾分为可回收物、厨余垃圾、有害垃圾和其他垃圾四类。请按类投放。',
  quiz: quiz(5),
  points: 2,
  requestId: rid('lesson'),
  ...(over as Partial<LessonSaveInput>),
})

type Lesson = { id: string; title: string; points: number; quiz: { question: string; options: string[] }[]; videoUrl: string | null }
const publish = async (over: Record<string, unknown> = {}) => (await ok(cloud.api<{ lesson: Lesson }>('learning', 'save', lessonInput(over), 'demo-admin'))).lesson
const answer = (lessonId: string, given: number[], by: string, requestId = rid('ans')) => cloud.api('learning', 'answer', { lessonId, answers: given, requestId }, by)
const balance = async (residentId: string) => ok(cloud.api('points', 'balance', { residentId }, 'demo-admin'))
const settings = (s: Record<string, unknown>) => ok(cloud.api('org', 'updateSettings', s, 'demo-admin'))

/** Every key anywhere in a value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k)
      keysOf(v, into)
    }
  }
  return into
}

test('save: a retried requestId creates once; the quiz, points and text are checked; only the admin of the community', async () => {
  const input = lessonInput()
  const first = (await ok(cloud.api('learning', 'save', input, 'demo-admin'))).lesson
  const again = (await ok(cloud.api('learning', 'save', input, 'demo-admin'))).lesson
  expect(again.id).toBe(first.id)
  expect(first).toMatchObject({ title: '垃圾分类小课堂', points: 2, videoUrl: null })
  expect((await ok(cloud.api('learning', 'list', {}, 'demo-resident'))).items.filter((l) => l.id === first.id)).toHaveLength(1)

  const bad: [Record<string, unknown>, string][] = [
    [{ quiz: [] }, 'quiz'],
    [{ quiz: [{ question: '只有一个选项', options: ['对'], answer: 0 }] }, 'quiz'],
    [{ quiz: [{ question: '七个选项', options: ['1', '2', '3', '4', '5', '6', '7'], answer: 0 }] }, 'quiz'],
    [{ quiz: [{ question: '答案不在选项里', options: ['对', '错'], answer: 2 }] }, 'quiz'],
    [{ quiz: [{ question: '答案是负数', options: ['对', '错'], answer: -1 }] }, 'quiz'],
    [{ quiz: [{ question: '选项重复', options: ['对', '对'], answer: 0 }] }, 'quiz'],
    [{ points: 1.25 }, 'points'],
    [{ points: 0 }, 'points'],
    [{ points: 51 }, 'points'],
    [{ title: '' }, 'title'],
    [{ body: '太短' }, 'body'],
  ]
  for (const [over, field] of bad) {
    const refused = await cloud.api('learning', 'save', lessonInput(over), 'demo-admin')
    expect(refused).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    if (!refused.ok) expect(JSON.stringify(refused.details)).toContain(`"${field}"`)
  }
  // Published text is screened like any other.
  expect(await cloud.api('learning', 'save', lessonInput({ body: '这一段有【违规测试】的字词，不能发布出去' }), 'demo-admin')).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })

  // Not the admin: refused; another community's admin does not find it, nor sees it listed.
  for (const who of ['demo-resident', 'demo-head', 'demo-grid']) expect(await cloud.api('learning', 'save', lessonInput(), who)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await cloud.api('learning', 'save', lessonInput({ id: first.id }), 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  expect(await cloud.api('learning', 'get', { lessonId: first.id }, 'other-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  expect((await ok(cloud.api('learning', 'list', {}, 'other-admin'))).items).toEqual([])

  // A change keeps the id.
  const changed = (await ok(cloud.api('learning', 'save', lessonInput({ id: first.id, title: '垃圾分类（修订）', points: 3 }), 'demo-admin'))).lesson
  expect(changed).toMatchObject({ id: first.id, title: '垃圾分类（修订）', points: 3 })
  expect((await ok(cloud.api('learning', 'get', { lessonId: first.id }, 'demo-resident'))).lesson.title).toBe('垃圾分类（修订）')

  // A video: the admin's own upload, served by a link; someone else's is refused.
  const mine = await upload(cloud, 'demo-admin', photoBytes(++n))
  const theirs = await upload(cloud, 'demo-resident', photoBytes(++n))
  expect(await cloud.api('learning', 'save', lessonInput({ videoFileId: theirs }), 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  expect(await cloud.api('learning', 'save', lessonInput({ videoFileId: 'cloud://local.evidence/demo-admin/none.mp4' }), 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  const withVideo = await publish({ videoFileId: mine })
  const read = (await ok(cloud.api('learning', 'get', { lessonId: withVideo.id }, 'demo-resident'))).lesson
  expect(read.videoUrl).toMatch(/^https?:\/\//)
  expect((await ok(cloud.api('learning', 'list', {}, 'demo-resident'))).items.find((l) => l.id === withVideo.id)).toMatchObject({ hasVideo: true, questions: 5 })
})

test('the answers never leave the server: not in save, list, get or answer', async () => {
  const input = lessonInput({ title: '消防安全常识' })
  const said: unknown[] = []
  const saved = await ok(cloud.api('learning', 'save', input, 'demo-admin'))
  said.push(saved)
  said.push(await ok(cloud.api('learning', 'save', { ...input, id: saved.lesson.id }, 'demo-admin')))
  for (const who of ['demo-resident', 'demo-admin']) {
    said.push(await ok(cloud.api('learning', 'list', {}, who)))
    said.push(await ok(cloud.api('learning', 'get', { lessonId: saved.lesson.id }, who)))
  }
  said.push(await ok(answer(saved.lesson.id, answers(5, 2), 'demo-head-2')))
  said.push(await ok(answer(saved.lesson.id, answers(5, 5), 'demo-head-2')))
  // The store has them (so the check below looks at something real) …
  const stored = (await cloud.sdk().database().collection('lessons').doc(saved.lesson.id).get()).data[0] as { quiz: { answer: number }[] }
  expect(stored.quiz.map((q) => q.answer)).toEqual([0, 1, 2, 0, 1])
  // … and no answer carries them: no `answer` field anywhere, each question only its text and options.
  for (const a of said) expect(keysOf(a).has('answer')).toBe(false)
  const got = (await ok(cloud.api('learning', 'get', { lessonId: saved.lesson.id }, 'demo-resident'))).lesson
  for (const q of got.quiz) expect(Object.keys(q).sort()).toEqual(['options', 'question'])
  expect(got.quiz).toEqual(input.quiz.map((q) => ({ question: q.question, options: q.options })))
})

test('80% passes (4 of 5), 3 of 5 does not and may try again; a pass pays once; a retried requestId answers the same', async () => {
  const lesson = await publish({ title: '邻里互助', points: 2 })
  const start = await balance('demo-r-resident')

  const failedId = rid('ans')
  const failed = await ok(answer(lesson.id, answers(5, 3), 'demo-resident', failedId))
  expect(failed).toEqual({ passed: false, correct: 3, total: 5, points: 0, capped: false, alreadyPassed: false, pending: false })
  // The same requestId answers the same, whatever is sent with it.
  expect(await ok(answer(lesson.id, answers(5, 5), 'demo-resident', failedId))).toEqual(failed)
  expect((await ok(cloud.api('learning', 'get', { lessonId: lesson.id }, 'demo-resident'))).passed).toBe(false)

  const passedId = rid('ans')
  const passed = await ok(answer(lesson.id, answers(5, 4), 'demo-resident', passedId))
  expect(passed).toEqual({ passed: true, correct: 4, total: 5, points: 2, capped: false, alreadyPassed: false, pending: false })
  expect(await ok(answer(lesson.id, answers(5, 4), 'demo-resident', passedId))).toEqual(passed)
  expect((await balance('demo-r-resident')).available).toBe(start.available + 2)

  // Passing again pays nothing.
  expect(await ok(answer(lesson.id, answers(5, 5), 'demo-resident'))).toMatchObject({ passed: true, correct: 5, points: 0, alreadyPassed: true })
  expect((await balance('demo-r-resident')).available).toBe(start.available + 2)
  const entries = (await ok(cloud.api('points', 'ledger', { residentId: 'demo-r-resident', kind: 'credit' }, 'demo-admin'))).items.filter((e) => e.source.id === lesson.id)
  expect(entries).toEqual([expect.objectContaining({ delta: 2, source: { type: 'lesson', id: lesson.id }, note: '学习：邻里互助' })])
  expect(await ok(cloud.api('learning', 'get', { lessonId: lesson.id }, 'demo-resident'))).toMatchObject({ passed: true, paid: 2 })
  expect((await ok(cloud.api('learning', 'list', {}, 'demo-resident'))).items.find((l) => l.id === lesson.id)).toMatchObject({ passed: true })
  // Another resident has not passed it.
  expect((await ok(cloud.api('learning', 'get', { lessonId: lesson.id }, 'demo-resident-2'))).passed).toBe(false)

  // Answers that do not fit the quiz, staff who are not residents, and another community's lesson.
  expect(await answer(lesson.id, answers(4, 4), 'demo-resident')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  expect(await answer(lesson.id, answers(5, 5), 'demo-admin')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await answer(lesson.id, answers(5, 5), 'other-admin')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(await answer('lesson-none', answers(5, 5), 'demo-resident')).toMatchObject({ ok: false, code: 'NOT_FOUND' })

  // The admin's 冲正 takes a lesson's points back (paid by mistake); the pass stays recorded, so it does not pay again.
  await ok(cloud.api('points', 'reverse', { entryId: entries[0].id, reason: '替别人答的题' }, 'demo-admin'))
  expect((await balance('demo-r-resident')).available).toBe(start.available)
  expect(await ok(answer(lesson.id, answers(5, 5), 'demo-resident'))).toMatchObject({ points: 0, alreadyPassed: true })
})

test('passes at once with different requestIds pay once', async () => {
  const lesson = await publish({ title: '防诈骗', points: 1 })
  const start = (await balance('demo-r-head-2')).available
  const all = await Promise.all(Array.from({ length: 6 }, () => ok(answer(lesson.id, answers(5, 5), 'demo-head-2'))))
  expect(all.filter((a) => a.points === 1)).toHaveLength(1)
  expect(all.filter((a) => a.alreadyPassed)).toHaveLength(5)
  expect((await balance('demo-r-head-2')).available).toBe(start + 1)
})

test('the daily learning cap: what is left of it is paid, the pass recorded; the next day it starts again; 0 is no cap', async () => {
  await settings({ learningDailyCap: 3 })
  const [a, b, c, d] = [await publish({ title: '第一课', points: 2 }), await publish({ title: '第二课', points: 2 }), await publish({ title: '第三课', points: 1 }), await publish({ title: '第四课', points: 2 })]
  const start = (await balance('demo-r-head')).available
  try {
    expect(await ok(answer(a.id, answers(5, 5), 'demo-head'))).toMatchObject({ passed: true, points: 2, capped: false })
    expect(await ok(answer(b.id, answers(5, 5), 'demo-head'))).toMatchObject({ passed: true, points: 1, capped: true })
    expect(await ok(answer(c.id, answers(5, 5), 'demo-head'))).toMatchObject({ passed: true, points: 0, capped: true })
    expect((await balance('demo-r-head')).available).toBe(start + 3)
    // The capped pass is recorded: it never pays later.
    expect(await ok(cloud.api('learning', 'get', { lessonId: c.id }, 'demo-head'))).toMatchObject({ passed: true, paid: 0 })

    // The next day (the functions' clock a day on), the cap starts again.
    await cloud.setClock(DAY)
    expect(await ok(answer(d.id, answers(5, 5), 'demo-head'))).toMatchObject({ passed: true, points: 2, capped: false })
    expect(await ok(answer(c.id, answers(5, 5), 'demo-head'))).toMatchObject({ passed: true, points: 0, alreadyPassed: true })
    expect((await balance('demo-r-head')).available).toBe(start + 5)
  } finally {
    await cloud.setClock(0)
  }

  // 0: no cap at all.
  await settings({ learningDailyCap: 0 })
  const big = await publish({ title: '大课', points: 10 })
  expect(await ok(answer(big.id, answers(5, 5), 'demo-head'))).toMatchObject({ points: 10, capped: false })
  expect((await ok(cloud.api('org', 'settings', {}, 'demo-resident'))).settings.learningDailyCap).toBe(0)
  await settings({ learningDailyCap: 5 })
  for (const bad of [{ learningDailyCap: -1 }, { learningDailyCap: 1.5 }, { learningDailyCap: 101 }]) {
    expect(await cloud.api('org', 'updateSettings', bad, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  }
})

test('under monthly settlement the points are pending; the credit is on the board when the month closes', async () => {
  await settings({ settlement: 'monthly' })
  const lesson = await publish({ title: '文明养犬', points: 2 })
  const before = await balance('demo-r-resident-2')
  try {
    expect(await ok(answer(lesson.id, answers(5, 5), 'demo-resident-2'))).toMatchObject({ passed: true, points: 2, pending: true })
    const after = await balance('demo-r-resident-2')
    expect(after.available).toBe(before.available)
    expect(after.pending).toBe(before.pending + 2)

    // Close the month (the functions' clock on the 1st of the next) and read the board.
    const month = monthKey(new Date())
    const next = new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY
    const firstOfNext = new Date(`${monthKey(new Date(next))}-01T03:00:00+08:00`).getTime()
    await cloud.setClock(firstOfNext - Date.now())
    await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    const board = await ok(cloud.api('governance', 'publicity', { month }, 'demo-resident'))
    const row = (board.items as PublicityItem[]).find((i) => i.item === '学习：文明养犬')
    expect(row).toMatchObject({ kind: 'credit', points: 2, category: '学习' })
    // Projected to the scores: the resident is in the month's rankings with it.
    const ranked = board.rankings?.resident.find((r: { id: string }) => r.id === 'demo-r-resident-2')
    expect(ranked?.score).toBeGreaterThanOrEqual(2)
  } finally {
    await cloud.setClock(0)
    await settings({ settlement: 'instant' })
  }
})
