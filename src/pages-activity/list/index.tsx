import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Activity } from '@core/activities'
import { api } from '../../api'
import { PageState, PagedList, ROUTES, Tabs, open, quietUnknown, usePaged, usePagedPage } from '../../components'
import { ActivityCard } from '../../components/ActivityCard'
import './index.scss'

type Filter = 'upcoming' | 'past' | 'mine'

const FILTERS: readonly { key: Filter; title: string; empty: string; hint: string }[] = [
  { key: 'upcoming', title: '近期活动', empty: '最近没有活动', hint: '社区发布活动后会在这里，报名参加、到场签到就能得积分。' },
  { key: 'past', title: '已结束', empty: '还没有结束的活动', hint: '活动结束后会在这里。' },
  { key: 'mine', title: '我报名的', empty: '您还没有报名活动', hint: '在“近期活动”里点一个活动，就能报名。' },
]

/** 活动: upcoming (soonest first), ended (newest first), and the ones I signed up for; a tap opens one. */
export default function ActivityList() {
  const [filter, setFilter] = useState<Filter>('upcoming')
  const chosen = FILTERS.find((f) => f.key === filter)!
  const list = usePaged<Activity>(
    [(cursor) => api.activities.list({ ...(filter === 'mine' ? { mine: true } : { when: filter }), ...(cursor ? { cursor } : {}) }, quietUnknown)],
    null,
    [filter],
  )

  // Back from an activity (signed up, cancelled): the places left change.
  usePagedPage(list)

  const body = (
    <PagedList
      list={list}
      testId='activities-list'
      empty={
        <PageState kind='empty' title={chosen.empty} description={chosen.hint} testId='activities-empty'>
          {filter === 'upcoming' ? null : (
            <Button className='sz-button' type='primary' size='large' block data-testid='activities-go-upcoming' onClick={() => setFilter('upcoming')}>
              看近期活动
            </Button>
          )}
        </PageState>
      }
      item={(a, i) => <ActivityCard key={a.id} activity={a} divided={i > 0} testId={`activity-${i}`} onTap={() => open(ROUTES.activity(a.id))} />}
    />
  )

  return (
    <View className='sz-page' data-testid='activities-page'>
      <Tabs tabs={FILTERS} value={filter} onChange={setFilter} testId='activities-filter' />
      {body}
      <View className='sz-activities__links'>
        <View className='sz-activities__link' hoverClass='sz-activities__link--hover' data-testid='activities-teams' onClick={() => open(ROUTES.teams)}>
          志愿队 ›
        </View>
      </View>
      <View className='sz-bottom-space' />
    </View>
  )
}
