import { useRef, useState } from 'react'
import { View, Text, Video } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import { api, newRequestId, type Output } from '../../api'
import { resultWords } from './result'
import { Loaded, SubmitBar, quietUnknown, useApi } from '../../components'
import './index.scss'

type Lesson = Output<'learning', 'get'>
type Result = Output<'learning', 'answer'>

/** 学习 one lesson: its text in large type, the video if any, then the quiz; 交卷 says how it went. Only residents answer. */
export default function LessonPage() {
  const lessonId = useRouter().params.id ?? ''
  const lesson = useApi(() => api.learning.get({ lessonId }, quietUnknown), [lessonId])
  const me = useApi(() => api.user.me({}, { silent: true }))
  const resident = me.state.status === 'ready' && !!me.state.data.residentId
  return (
    <Loaded state={lesson.state} reload={lesson.reload}>
      {(data) => (
        <View className='sz-page sz-lesson' data-testid='lesson-page'>
          <Text className='sz-lesson__title' data-testid='lesson-title'>
            {data.lesson.title}
          </Text>
          <Text className='sz-lesson__points'>
            学完答题，答对八成得 {formatPoints(data.lesson.points)} 分
          </Text>
          {data.passed ? (
            <Text className='sz-lesson__passed' data-testid='lesson-passed'>
              已学过 ✓ {data.paid > 0 ? `得了 ${formatPoints(data.paid)} 分` : '（当天积分已到上限，没有得分）'}
            </Text>
          ) : null}
          {data.lesson.videoUrl ? <Video className='sz-lesson__video' src={data.lesson.videoUrl} controls data-testid='lesson-video' /> : null}
          <View className='sz-card sz-lesson__body'>
            <Text className='sz-lesson__text' data-testid='lesson-body'>
              {data.lesson.body}
            </Text>
          </View>
          {resident ? (
            <Quiz lesson={data} onPassed={() => void lesson.reload()} />
          ) : me.state.status === 'loading' ? null : (
            <Text className='sz-lesson__note' data-testid='lesson-residents-only'>
              只有本社区的居民答题才能得积分。
            </Text>
          )}
          <View className='sz-bottom-space' />
        </View>
      )}
    </Loaded>
  )
}

/** The quiz: each question with its options as big choices, then 交卷. */
function Quiz({ lesson, onPassed }: { lesson: Lesson; onPassed: () => void }) {
  const quiz = lesson.lesson.quiz
  const [answers, setAnswers] = useState<(number | null)[]>(() => quiz.map(() => null))
  const [result, setResult] = useState<Result | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  // One per try: a retry after a lost answer sends the same one (the server answers the first result); a new try gets a new one.
  const requestId = useRef(newRequestId('lesson'))

  const choose = (qi: number, oi: number) => {
    setAnswers((a) => a.map((x, i) => (i === qi ? oi : x)))
    setProblem(null)
    if (result) {
      // A new try after a result: a new request.
      setResult(null)
      requestId.current = newRequestId('lesson')
    }
  }

  const submit = async () => {
    if (sending) return
    const left = answers.filter((a) => a === null).length
    if (left > 0) return setProblem(`还有 ${left} 道题没有选`)
    setSending(true)
    try {
      const answer = await api.learning.answer({ lessonId: lesson.lesson.id, answers: answers as number[], requestId: requestId.current })
      setResult(answer)
      setProblem(null)
      requestId.current = newRequestId('lesson')
      if (answer.passed && !answer.alreadyPassed) onPassed()
      void Taro.pageScrollTo({ selector: '#lesson-result', duration: 200 }).catch(() => undefined)
    } catch {
      // The transport said why in a toast; the same requestId is kept for another tap.
    } finally {
      setSending(false)
    }
  }

  const words = result ? resultWords(result) : null
  return (
    <View className='sz-lesson__quiz' data-testid='lesson-quiz'>
      <Text className='sz-section-title'>答题（共 {quiz.length} 题）</Text>
      {quiz.map((q, qi) => (
        <View key={qi} className='sz-card sz-lesson__question' data-testid={`quiz-${qi}`}>
          <Text className='sz-lesson__ask'>
            {qi + 1}. {q.question}
          </Text>
          {q.options.map((o, oi) => {
            const on = answers[qi] === oi
            return (
              <View
                key={oi}
                className={`sz-lesson__option ${on ? 'sz-lesson__option--on' : ''}`}
                data-testid={`quiz-${qi}-option-${oi}`}
                onClick={() => choose(qi, oi)}
              >
                <Text className='sz-lesson__mark'>{on ? '●' : '○'}</Text>
                <Text className='sz-lesson__option-text'>{o}</Text>
              </View>
            )
          })}
        </View>
      ))}
      {words && result ? (
        <View id='lesson-result' className={`sz-card sz-lesson__result ${result.passed ? 'sz-lesson__result--passed' : 'sz-lesson__result--failed'}`} data-testid='lesson-result'>
          <Text className='sz-lesson__result-title' data-testid='lesson-result-title'>
            {words.title}
          </Text>
          {words.detail ? (
            <Text className='sz-lesson__result-detail' data-testid='lesson-result-detail'>
              {words.detail}
            </Text>
          ) : null}
        </View>
      ) : null}
      <SubmitBar label={result && !result.passed ? '改好后再交卷' : '交卷'} busy={sending} busyLabel='正在交卷' onSubmit={() => void submit()} error={problem}
        errorTitle='还没有交卷' testId='lesson-submit' />
    </View>
  )
}
