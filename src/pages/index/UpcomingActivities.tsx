import { View, Text } from '@tarojs/components'
import { api } from '../../api'
import { ROUTES, open, quietUnknown, useApi, useReshow } from '../../components'
import { ActivityCard } from '../../components/ActivityCard'
import { HomePart, Placeholder } from './HomePart'

/** 首页's 活动: the next three upcoming activities, each one tap to its page, and 全部活动 ›. */
export function UpcomingActivities({ residentId }: { residentId: string }) {
  const source = useApi(() => api.activities.list({ when: 'upcoming' }, quietUnknown), [residentId])
  useReshow(() => void source.reload())
  return (
    <>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>活动</Text>
        <View className='sz-list-head__link' data-testid='home-activities-all' onClick={() => open(ROUTES.activities)}>
          全部活动
          <Text className='sz-arrow'>›</Text>
        </View>
      </View>
      <HomePart source={source} loading='正在加载活动…' failed='活动没有加载成功，点这里重试'>
        {({ items }) =>
          items.length === 0 ? (
            <Placeholder testId='home-activities-empty' onTap={() => open(ROUTES.activities)}>
              最近没有活动。社区发布活动后会在这里。
            </Placeholder>
          ) : (
            <View className='sz-list' data-testid='home-activities'>
              {items.slice(0, 3).map((a, i) => (
                <ActivityCard key={a.id} activity={a} divided={i > 0} testId={`home-activity-${i}`} onTap={() => open(ROUTES.activity(a.id))} />
              ))}
            </View>
          )
        }
      </HomePart>
    </>
  )
}
