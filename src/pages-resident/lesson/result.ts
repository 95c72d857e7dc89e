import { formatPoints } from '@core/points'

/** What learning.answer answers (src/api's Output<'learning', 'answer'>), as far as the words need it. */
export interface AnswerResult {
  passed: boolean
  correct: number
  total: number
  points: number
  capped: boolean
  alreadyPassed: boolean
  pending: boolean
}

/** The result of a try at a quiz, in plain words: a title line and, where there is more to say, a second. */
export function resultWords(r: AnswerResult): { title: string; detail?: string } {
  const score = `答对 ${r.correct}/${r.total} 题`
  if (!r.passed) return { title: `没通过：${score}`, detail: '要答对 80% 才算通过，可以再试一次。' }
  if (r.alreadyPassed) return { title: `${score}，通过`, detail: '以前已经学过，这次不再得分。' }
  if (r.capped && r.points === 0) return { title: `${score}，通过`, detail: '今天的学习积分已到上限，这一课记为学过，不再得分。' }
  const title = `${score}，通过，获得 ${formatPoints(r.points)} 分${r.pending ? '（公示后可用）' : ''}`
  return { title, detail: r.capped ? '今天的学习积分已到上限，只得到上限为止。' : undefined }
}
