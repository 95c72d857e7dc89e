import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import type { Inspection } from '../api'
import { type ApiState, formatDate, monthLabel } from '../components'

/** A ranked row: the place in a circle (gold, silver, bronze for the first three), the name with a hint, the score. */
export function RankRow({ place, name, score, hint, divided, testId }: { place: number; name: string; score: number; hint?: string; divided: boolean; testId?: string }) {
  return (
    <View className={`sz-gov__rank-row ${divided ? 'sz-gov__rank-row--divided' : ''}`} data-testid={testId}>
      <Text className={`sz-gov__place ${place <= 3 ? `sz-gov__place--${place}` : ''}`}>{place}</Text>
      <View className='sz-gov__rank-main'>
        <Text className='sz-gov__rank-name'>{name}</Text>
        {hint ? <Text className='sz-gov__rank-hint'>{hint}</Text> : null}
      </View>
      <Text className='sz-gov__rank-score'>{formatPoints(score)} 分</Text>
    </View>
  )
}

export type InspectionRows = { items: (Inspection & { rank: number; awarded: boolean })[] }

/** A month's 卫生检查 by courtyard, best first (ties share a place): on the board and under the inspection form. */
export function InspectionRanking({ state, reload, month }: { state: ApiState<InspectionRows>; reload: () => unknown; month: string }) {
  if (state.status === 'loading') return <Text className='sz-gov__quiet'>正在加载…</Text>
  if (state.status === 'error')
    return (
      <View className='sz-card' data-testid='inspections-error' onClick={() => void reload()}>
        <Text className='sz-gov__quiet'>检查结果没有加载成功，点这里重试</Text>
      </View>
    )
  if (state.data.items.length === 0)
    return (
      <View className='sz-card' data-testid='inspections-empty'>
        <Text className='sz-gov__quiet'>{monthLabel(month)}还没有卫生检查的结果。</Text>
      </View>
    )
  return (
    <View className='sz-list' data-testid='inspection-ranking'>
      {state.data.items.map((r, i) => (
        <RankRow
          key={r.id}
          place={r.rank}
          name={r.courtyardName}
          score={r.score}
          hint={`${formatDate(r.at)} ${r.inspector}检查${r.awarded ? ' · 已评奖' : ''}${r.notes ? ` · ${r.notes}` : ''}`}
          divided={i > 0}
          testId={`inspection-${r.courtyardId}`}
        />
      ))}
    </View>
  )
}
