import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { problemsByField } from '@core/inputs'
import { MAX_OPTIONS, MAX_QUESTIONS, MIN_OPTIONS, saveInput } from '@core/learning.schema'
import { api, newRequestId } from '../../api'
import { Field, SubmitBar, TextArea, TextInput } from '../../components'

export interface QuestionDraft {
  question: string
  options: string[]
  /** The right option, or null until the admin marks one (always null for a lesson being changed: answers never come back). */
  answer: number | null
}

export interface LessonDraft {
  id?: string
  title: string
  body: string
  points: string
  videoFileId?: string
  quiz: QuestionDraft[]
}

export const blankQuestion = (): QuestionDraft => ({ question: '', options: ['', ''], answer: null })

/** A typed number, or NaN for anything that is not plainly one: the schema says what is wrong. */
const number = (text: string) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN)

const PLAIN_POINTS = '积分写数字，最多一位小数，例如 2 或 0.5'
const WORDS = {
  plain: { title: '标题至少两个字', body: '学习内容至少 10 个字', points: PLAIN_POINTS, quiz: '题目没有填好' },
  reword: { 积分最多一位小数: PLAIN_POINTS, '积分必须大于 0': PLAIN_POINTS },
}

/** What is wrong with each question, by its index: the first problem found in it. */
function questionProblems(issues: readonly { path: (string | number)[]; message: string }[]): Record<number, string> {
  const found: Record<number, string> = {}
  for (const issue of issues) {
    const [field, index] = issue.path
    if (field !== 'quiz' || typeof index !== 'number' || index in found) continue
    found[index] = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '这道题没有填好'
  }
  return found
}

/**
 * 新增 / 修改 a lesson (学习课程): title, the text, the points, and the quiz — each question with 2–6 options and its right
 * one marked. Checked with learning.save's own schema; one requestId per editor, so a retried 保存 publishes once.
 */
export function LessonEditor({ initial, onDone, onCancel }: { initial: LessonDraft; onDone: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<LessonDraft>(initial)
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [asked, setAsked] = useState<Record<number, string>>({})
  const [sending, setSending] = useState(false)
  const requestId = useRef(newRequestId('lesson'))

  // A question or field changed: its red words leave (checked again at 保存).
  const setQuestion = (qi: number, next: Partial<QuestionDraft>) => {
    setDraft((d) => ({ ...d, quiz: d.quiz.map((q, i) => (i === qi ? { ...q, ...next } : q)) }))
    setAsked((a) => (qi in a ? Object.fromEntries(Object.entries(a).filter(([k]) => Number(k) !== qi)) : a))
  }
  const setField = (key: 'title' | 'body' | 'points', value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setProblems((p) => (key in p ? Object.fromEntries(Object.entries(p).filter(([k]) => k !== key)) : p))
  }
  const setQuiz = (quiz: QuestionDraft[]) => {
    setDraft((d) => ({ ...d, quiz }))
    setAsked({})
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'quiz')))
  }
  const removeOption = (qi: number, oi: number) => {
    const q = draft.quiz[qi]
    const answer = q.answer === null || q.answer === oi ? null : q.answer > oi ? q.answer - 1 : q.answer
    setQuestion(qi, { options: q.options.filter((_, i) => i !== oi), answer })
  }

  const save = async () => {
    if (sending) return
    const parsed = saveInput.safeParse({
      ...(draft.id ? { id: draft.id } : {}),
      title: draft.title,
      body: draft.body,
      ...(draft.videoFileId ? { videoFileId: draft.videoFileId } : {}),
      quiz: draft.quiz.map((q) => ({ question: q.question, options: q.options, answer: q.answer ?? -1 })),
      points: number(draft.points),
      requestId: requestId.current,
    })
    if (!parsed.success) {
      setProblems(problemsByField(parsed.error.issues, WORDS))
      setAsked(questionProblems(parsed.error.issues))
      return
    }
    setProblems({})
    setAsked({})
    setSending(true)
    try {
      await api.learning.save(parsed.data)
      void Taro.showToast({ title: draft.id ? '已保存' : '已发布', icon: 'none' })
      onDone()
    } catch {
      // The toast said why; the same requestId is kept for another tap.
    } finally {
      setSending(false)
    }
  }

  const unfixed = Object.keys(problems).filter((k) => k !== 'quiz').length + Math.max(Object.keys(asked).length, problems.quiz ? 1 : 0)
  return (
    <View className='sz-page sz-lesson-editor' data-testid='lesson-editor'>
      <Text className='sz-admin__intro'>{draft.id ? '修改学习内容' : '新增学习内容'}</Text>
      {draft.id ? (
        <Text className='sz-lesson-editor__warn' data-testid='lesson-editor-answers-note'>
          为了不让答案泄露，原来的正确答案不会显示：请为每道题重新选出正确答案再保存。
        </Text>
      ) : null}
      <Field label='标题' required='必填' error={problems.title} counter={{ text: draft.title, max: 40 }}>
        <TextInput testId='lesson-title-input' value={draft.title} maxlength={40} placeholder='例如：垃圾分类怎么分' onInput={(title) => setField('title', title)} />
      </Field>
      <Field label='学习内容' required='必填，至少 10 个字' error={problems.body} counter={{ text: draft.body, max: 5000 }}>
        <TextArea testId='lesson-body-input' value={draft.body} maxlength={5000} placeholder='居民要读的内容' onInput={(body) => setField('body', body)} />
      </Field>
      <Field label='学完答对得几分' required='必填' error={problems.points} hint='答对八成（5 题对 4 题）算通过，每人每课只得一次'>
        <TextInput testId='lesson-points-input' type='digit' value={draft.points} maxlength={5} placeholder='例如：2' onInput={(points) => setField('points', points)} />
      </Field>
      <Text className='sz-section-title'>答题（{draft.quiz.length} 道题）</Text>
      {problems.quiz && Object.keys(asked).length === 0 ? <Text className='sz-lesson-editor__error'>{problems.quiz}</Text> : null}
      {draft.quiz.map((q, qi) => (
        <View key={qi} className={`sz-card sz-lesson-editor__question ${asked[qi] ? 'sz-lesson-editor__question--invalid' : ''}`} data-testid={`q-${qi}`}>
          <Text className='sz-lesson-editor__label'>第 {qi + 1} 题</Text>
          <TextInput testId={`q-${qi}-text`} value={q.question} maxlength={200} placeholder='题目' onInput={(question) => setQuestion(qi, { question })} />
          <Text className='sz-lesson-editor__hint'>选项（点左边的圆圈标出正确答案）</Text>
          {q.options.map((o, oi) => (
            <View key={oi} className='sz-lesson-editor__option'>
              <View
                className={`sz-lesson-editor__right ${q.answer === oi ? 'sz-lesson-editor__right--on' : ''}`}
                data-testid={`q-${qi}-right-${oi}`}
                onClick={() => setQuestion(qi, { answer: oi })}
              >
                {q.answer === oi ? '✓' : '○'}
              </View>
              <TextInput className='sz-lesson-editor__option-input' testId={`q-${qi}-opt-${oi}`} value={o} maxlength={100} placeholder={`选项 ${oi + 1}`}
                onInput={(text) => setQuestion(qi, { options: q.options.map((x, i) => (i === oi ? text : x)) })} />
              {q.options.length > MIN_OPTIONS ? (
                <View className='sz-lesson-editor__remove' data-testid={`q-${qi}-remove-option-${oi}`} onClick={() => removeOption(qi, oi)}>
                  删
                </View>
              ) : null}
            </View>
          ))}
          {asked[qi] ? (
            <Text className='sz-lesson-editor__error' data-testid={`q-${qi}-error`}>
              {asked[qi]}
            </Text>
          ) : null}
          <View className='sz-org__actions'>
            {q.options.length < MAX_OPTIONS ? (
              <View className='sz-org__action' data-testid={`q-${qi}-add-option`} onClick={() => setQuestion(qi, { options: [...q.options, ''] })}>
                ＋ 加一个选项
              </View>
            ) : null}
            {draft.quiz.length > 1 ? (
              <View className='sz-org__action sz-org__action--danger' data-testid={`q-${qi}-remove`}
                onClick={() => setQuiz(draft.quiz.filter((_, i) => i !== qi))}>
                删除这道题
              </View>
            ) : null}
          </View>
        </View>
      ))}
      {draft.quiz.length < MAX_QUESTIONS ? (
        <View className='sz-lesson-editor__add' data-testid='lesson-add-question' onClick={() => setQuiz([...draft.quiz, blankQuestion()])}>
          ＋ 加一道题
        </View>
      ) : null}
      <SubmitBar label={draft.id ? '保存修改' : '发布'} busy={sending} busyLabel='正在保存' onSubmit={() => void save()} unfixed={unfixed} errorTitle='还没有保存'
        size='large' testId='lesson-save' />
      <View className='sz-lesson-editor__cancel' data-testid='lesson-cancel' onClick={onCancel}>
        不保存，返回列表
      </View>
      <View className='sz-bottom-space' />
    </View>
  )
}
