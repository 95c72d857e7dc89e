import { View, Text } from '@tarojs/components'
import type { Activity } from '@core/activities'
import { formatPoints } from '@core/points'
import { Chip } from '../Chip'
import { beijingParts, formatDateTime } from '../format'
import './index.scss'

const pad = (n: number) => String(n).padStart(2, '0')

/** 12月3日 09:30–11:00, or 12月3日 09:30 到 12月4日 11:00 when it ends another day (Beijing time). */
export function activityTime(a: Pick<Activity, 'startAt' | 'endAt'>, now: Date = new Date()): string {
  const s = beijingParts(a.startAt)
  const e = beijingParts(a.endAt)
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day
  return sameDay ? `${formatDateTime(a.startAt, now)}–${pad(e.hour)}:${pad(e.minute)}` : `${formatDateTime(a.startAt, now)} 到 ${formatDateTime(a.endAt, now)}`
}

/** 名额剩 3 个, 名额已满, 名额不限. */
export function placesLeft(a: Pick<Activity, 'capacity' | 'taken'>): { text: string; full: boolean } {
  if (a.capacity === null) return { text: '名额不限', full: false }
  const left = a.capacity - a.taken
  return left > 0 ? { text: `名额剩 ${left} 个`, full: false } : { text: '名额已满', full: true }
}

export interface ActivityCardProps {
  activity: Activity
  onTap: () => void
  divided?: boolean
  testId?: string
}

/** One activity in a list: its title (and 党员项目), when, where, the points it pays and the places left; a tap opens it. */
export function ActivityCard({ activity: a, onTap, divided, testId }: ActivityCardProps) {
  const places = placesLeft(a)
  const ended = a.status === 'finished' || Date.parse(a.endAt) <= Date.now()
  return (
    <View className={`sz-activity-card ${divided ? 'sz-activity-card--divided' : ''}`} hoverClass='sz-activity-card--hover' data-testid={testId} onClick={onTap}>
      <View className='sz-activity-card__main'>
        <Text className='sz-activity-card__title'>{a.title}</Text>
        {a.partyProject ? (
          <View className='sz-activity-card__chips'>
            <Chip tone='red'>党员项目</Chip>
          </View>
        ) : null}
        <Text className='sz-activity-card__line'>{activityTime(a)}</Text>
        <Text className='sz-activity-card__line'>{a.place}</Text>
        <Text className={`sz-activity-card__line ${places.full && !ended ? 'sz-activity-card__line--warn' : ''}`}>{ended ? '已结束' : places.text}</Text>
      </View>
      <Text className='sz-activity-card__points'>+{formatPoints(a.points)}</Text>
      <Text className='sz-activity-card__arrow'>›</Text>
    </View>
  )
}

export default ActivityCard
