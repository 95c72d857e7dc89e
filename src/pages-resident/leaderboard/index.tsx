import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import { api, type LeaderboardLevel, type LeaderboardPeriod, type LeaderboardRow } from '../../api'
import { monthBefore } from '@core/months'
import { ListFooter, NotJoined, PageState, Tabs, beijingParts, monthKeyOf, useApi, usePaged, yearKeyOf, elderClass, useElder } from '../../components'
import './index.scss'

const LEVELS: readonly { key: LeaderboardLevel; title: string }[] = [
  { key: 'resident', title: '个人' },
  { key: 'household', title: '家庭' },
  { key: 'courtyard', title: '院落' },
]
/** Which period the page shows: this month, last month (the board of the first days of a month) or this year. */
type Choice = 'month' | 'lastMonth' | 'year'
const PERIODS: readonly { key: Choice; title: string }[] = [
  { key: 'month', title: '本月' },
  { key: 'lastMonth', title: '上月' },
  { key: 'year', title: '今年' },
]
/** In the first days of a month, an empty 本月 turns to 上月 by itself (until the reader picks). */
const FIRST_DAYS = 7

/** The API's period and key of a choice, at `now` (Beijing time). */
function periodOf(choice: Choice, now: Date): { period: LeaderboardPeriod; key: string } {
  if (choice === 'year') return { period: 'year', key: yearKeyOf(now) }
  const month = monthKeyOf(now)
  return { period: 'month', key: choice === 'lastMonth' ? monthBefore(month) : month }
}
const silent = { silent: ['AUTH.UNAUTHENTICATED'] } as const

/** Which row is mine at this level, and what to call it. */
function ownMark(level: LeaderboardLevel, row: LeaderboardRow, me: Me | null): string | null {
  if (!me) return null
  if (level === 'resident' && row.id === me.residentId) return '我'
  if (level === 'household' && row.id === me.householdId) return '我家'
  if (level === 'courtyard' && row.id === me.courtyardId) return '本院'
  return null
}

/**
 * 积分排行: people, households or courtyards by what they earned this month, last month or this year (spending never
 * lowers a rank; the scores are the corrected ones the 公示栏 shows). On the first days of a month, while nobody has
 * scored yet, it shows last month.
 */
export default function Leaderboard() {
  const elder = useElder()
  const [level, setLevel] = useState<LeaderboardLevel>('resident')
  const [choice, setChoice] = useState<Choice>('month')
  // Whether the page turned to 上月 by itself (this month still empty), and whether the reader has picked since.
  const [auto, setAuto] = useState<'no' | 'turned' | 'picked'>('no')
  // Beijing time: the month of 1 Dec 00:30 in Beijing is December, whatever the phone's zone.
  const [now] = useState(() => new Date())
  const { period, key } = periodOf(choice, now)
  const me = useApi(() => api.user.me({}, silent))
  const board = usePaged<LeaderboardRow>([(cursor) => api.points.leaderboard({ level, period, key, cursor }, silent)], null, [level, choice])

  useEffect(() => {
    if (auto === 'no' && choice === 'month' && board.status === 'ready' && board.items.length === 0 && beijingParts(now).day <= FIRST_DAYS) {
      setAuto('turned')
      setChoice('lastMonth')
    }
  }, [auto, choice, board.status, board.items.length, now])

  const pick = (c: Choice) => {
    setAuto('picked')
    setChoice(c)
  }

  usePullDownRefresh(() => {
    void board.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void board.loadMore())

  const who = me.state.status === 'ready' ? me.state.data : null
  const periodName = period === 'month' ? `${Number(key.slice(0, 4))}年${Number(key.slice(5))}月` : `${key}年`

  let body
  if (board.status === 'loading') body = <PageState kind='loading' />
  else if (board.status === 'error')
    body =
      board.error?.code === 'AUTH.UNAUTHENTICATED' ? <NotJoined /> : <PageState kind='error' description={board.error?.message} onRetry={() => void board.reload()} />
  else if (board.items.length === 0)
    body = <PageState kind='empty' title={`${periodName}还没有人得分`} description='申报审核通过后就会上榜。' testId='leaderboard-empty' />
  else
    body = (
      <>
        <View className='sz-list' data-testid='leaderboard-list'>
          {board.items.map((row, i) => {
            const mark = ownMark(level, row, who)
            return (
              <View
                key={row.id}
                className={`sz-rank__row ${i > 0 ? 'sz-rank__row--divided' : ''} ${mark ? 'sz-rank__row--mine' : ''}`}
                data-testid={`rank-${row.id}`}
                data-mine={mark ? 'true' : 'false'}
              >
                <Text className={`sz-rank__place ${row.rank <= 3 ? `sz-rank__place--top sz-rank__place--${row.rank}` : ''}`}>{row.rank}</Text>
                <View className='sz-rank__who'>
                  <Text className='sz-rank__name'>{row.name}</Text>
                  {mark ? <Text className='sz-rank__mine'>{mark}</Text> : null}
                </View>
                <Text className='sz-rank__score'>{formatPoints(row.score)} 分</Text>
              </View>
            )
          })}
        </View>
        <ListFooter list={board} />
      </>
    )

  return (
    <View className={`sz-page sz-rank ${elderClass(elder)}`}>
      <Tabs tabs={LEVELS} value={level} onChange={setLevel} testId='rank-level' />
      <Tabs tabs={PERIODS} value={choice} onChange={pick} testId='rank-period' />
      {auto === 'turned' && choice === 'lastMonth' ? (
        <Text className='sz-rank__hint' data-testid='rank-turned'>
          这个月刚开始，还没有人得分，先看上个月的排行。
        </Text>
      ) : null}
      <Text className='sz-section-title sz-rank__period' data-testid='rank-period-name'>
        {periodName}得分排行（兑换积分不影响排名）
      </Text>
      {body}
    </View>
  )
}
