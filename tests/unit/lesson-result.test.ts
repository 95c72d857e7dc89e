/** 学习: the words a resident reads after 交卷 (src/pages-resident/lesson/result.ts), for each answer learning.answer can give. */
import { resultWords } from '../../src/pages-resident/lesson/result'

const base = { passed: true, correct: 4, total: 5, points: 2, capped: false, alreadyPassed: false, pending: false }

test('not passed: the score, the 80% rule and that one may try again', () => {
  expect(resultWords({ ...base, passed: false, correct: 3, points: 0 })).toEqual({ title: '没通过：答对 3/5 题', detail: '要答对 80% 才算通过，可以再试一次。' })
})

test('passed: the points got, and 公示后可用 when they wait for the board', () => {
  expect(resultWords(base)).toEqual({ title: '答对 4/5 题，通过，获得 2 分', detail: undefined })
  expect(resultWords({ ...base, points: 1.5, pending: true }).title).toBe('答对 4/5 题，通过，获得 1.5 分（公示后可用）')
})

test('capped: the day’s learning points are used up (some or none paid)', () => {
  expect(resultWords({ ...base, capped: true, points: 1 })).toEqual({ title: '答对 4/5 题，通过，获得 1 分', detail: '今天的学习积分已到上限，只得到上限为止。' })
  expect(resultWords({ ...base, capped: true, points: 0 })).toEqual({ title: '答对 4/5 题，通过', detail: '今天的学习积分已到上限，这一课记为学过，不再得分。' })
})

test('passed before: nothing more is paid', () => {
  expect(resultWords({ ...base, correct: 5, points: 0, alreadyPassed: true })).toEqual({ title: '答对 5/5 题，通过', detail: '以前已经学过，这次不再得分。' })
})
