import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import { api, type Output } from '../../api'
import { ListFooter, PageState, usePaged } from '../../components'
import { LessonEditor, blankQuestion, type LessonDraft } from './LessonEditor'
import '../admin.scss'
import './lessons.scss'

type LessonItem = Output<'learning', 'list'>['items'][number]

const silent = { silent: ['AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN'] } as const

/**
 * 学习课程 (工作小组): the lessons, newest first, with 新增 and 修改. The editor takes the page while open. Changing a lesson
 * asks for the right answers again: the server never sends them back.
 */
export default function LessonsAdminPage() {
  const list = usePaged<LessonItem>([(cursor?: string) => api.learning.list({ cursor }, silent)], null, [])
  const [draft, setDraft] = useState<LessonDraft | null>(null)
  const [opening, setOpening] = useState<string | null>(null)

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void (draft ? undefined : list.loadMore()))

  const create = () => setDraft({ title: '', body: '', points: '', quiz: [blankQuestion()] })
  const edit = async (item: LessonItem) => {
    if (opening) return
    setOpening(item.id)
    try {
      const { lesson } = await api.learning.get({ lessonId: item.id })
      setDraft({
        id: lesson.id,
        title: lesson.title,
        body: lesson.body,
        points: formatPoints(lesson.points),
        ...(lesson.videoFileId ? { videoFileId: lesson.videoFileId } : {}),
        quiz: lesson.quiz.map((q) => ({ question: q.question, options: [...q.options], answer: null })),
      })
    } catch {
      // The toast said why.
    } finally {
      setOpening(null)
    }
  }

  if (draft)
    return (
      <LessonEditor
        key={draft.id ?? 'new'}
        initial={draft}
        onCancel={() => setDraft(null)}
        onDone={() => {
          setDraft(null)
          void list.reload()
        }}
      />
    )

  let body
  if (list.status === 'loading') body = <PageState kind='loading' />
  else if (list.status === 'error')
    body =
      list.error?.code === 'AUTH.FORBIDDEN' || list.error?.code === 'AUTH.UNAUTHENTICATED' ? (
        <PageState kind='empty' title='只有社区工作小组可以管理学习课程' testId='lessons-admin-forbidden' />
      ) : (
        <PageState kind='error' description={list.error?.message} onRetry={() => void list.reload()} />
      )
  else if (list.items.length === 0)
    body = <PageState kind='empty' title='还没有学习内容' description='点上面的“新增学习内容”，写好内容和几道题。' testId='lessons-admin-empty' />
  else
    body = (
      <>
        <View className='sz-list' data-testid='lessons-admin-list'>
          {list.items.map((l, i) => (
            <View key={l.id} className={`sz-lessons-admin__item ${i > 0 ? 'sz-lessons-admin__item--divided' : ''}`} data-testid={`lessons-admin-item-${i}`}>
              <View className='sz-lessons-admin__head'>
                <Text className='sz-lessons-admin__name'>{l.title}</Text>
                <Text className='sz-lessons-admin__points'>{formatPoints(l.points)} 分</Text>
              </View>
              <Text className='sz-lessons-admin__line'>
                {l.questions} 道题{l.hasVideo ? ' · 有视频' : ''}
              </Text>
              <View className='sz-org__actions'>
                <View className='sz-org__action' data-testid={`lessons-admin-edit-${i}`} onClick={() => void edit(l)}>
                  {opening === l.id ? '正在打开…' : '修改'}
                </View>
              </View>
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    )

  return (
    <View className='sz-page sz-lessons-admin' data-testid='lessons-admin'>
      <Text className='sz-admin__intro'>居民学完答题，答对八成（5 题对 4 题）得积分，每人每课只得一次。</Text>
      {list.status === 'ready' ? (
        <View className='sz-lessons-admin__add' data-testid='lessons-admin-new' onClick={create}>
          ＋ 新增学习内容
        </View>
      ) : null}
      {body}
      <View className='sz-bottom-space' />
    </View>
  )
}
