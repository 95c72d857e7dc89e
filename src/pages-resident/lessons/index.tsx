import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import { api, type Output } from '../../api'
import { PageState, PagedList, ROUTES, open, usePaged, usePagedPage, elderClass, useElder } from '../../components'
import './index.scss'

type LessonItem = Output<'learning', 'list'>['items'][number]

const silent = { silent: ['AUTH.UNAUTHENTICATED'] } as const

/** 学习: the community's lessons, newest first, each with the points it pays and 已学过 ✓ once passed; a tap opens it. */
export default function Lessons() {
  const elder = useElder()
  const list = usePaged<LessonItem>([(cursor?: string) => api.learning.list({ cursor }, silent)], null, [])

  // Back from a lesson just passed: show 已学过.
  usePagedPage(list)

  const body = (
    <PagedList
      list={list}
      testId='lessons-list'
      empty={<PageState kind='empty' title='还没有学习内容' description='社区发布学习内容后，会在这里看到。' testId='lessons-empty' />}
      before={<Text className='sz-lessons__intro'>学完答题，答对八成就能得积分，每课只得一次。</Text>}
      item={(l, i) => (
        <View
          key={l.id}
          className={`sz-lessons__row ${i > 0 ? 'sz-lessons__row--divided' : ''}`}
          hoverClass='sz-lessons__row--hover'
          data-testid={`lesson-row-${i}`}
          onClick={() => open(ROUTES.lesson(l.id))}
        >
          <View className='sz-lessons__main'>
            <Text className='sz-lessons__title'>{l.title}</Text>
            <Text className='sz-lessons__meta'>
              {l.questions} 道题{l.hasVideo ? ' · 有视频' : ''}
            </Text>
            {l.passed ? (
              <Text className='sz-lessons__done' data-testid={`lesson-passed-${i}`}>
                已学过 ✓
              </Text>
            ) : null}
          </View>
          <Text className={`sz-lessons__points ${l.passed ? 'sz-lessons__points--done' : ''}`}>{formatPoints(l.points)} 分</Text>
          <Text className='sz-lessons__arrow'>›</Text>
        </View>
      )}
    />
  )

  return <View className={`sz-page sz-lessons ${elderClass(elder)}`}>{body}</View>
}
