import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { isYearInput } from '@core/inputs'
import { formatPoints } from '@core/points'
import { api, type Dashboard, type Honours } from '../../api'
import { Loaded, PageState, quietUnknown, useApi, yearKeyOf, usePullDownReload } from '../../components'
import { PeriodStepper } from '../PeriodStepper'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

/** A bar's value above it, short enough for a twelfth of the screen: 120, 12.5, 1.2万. */
function barValue(points: number): string {
  if (Math.abs(points) >= 10000) return `${(points / 10000).toFixed(1).replace(/\.0$/, '')}万`
  return formatPoints(points)
}

/** A share of the widest bar, as a CSS width or height; a value above zero always shows a sliver. */
function share(value: number, max: number): string {
  if (max <= 0 || value <= 0) return '0%'
  return `${Math.max(2, Math.round((value / max) * 100))}%`
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0)

/**
 * 数据看板 (工作小组; a grid worker sees their grid): a year's points by month (12 bars with their values), by rule
 * category (bars across), households taking part in each courtyard (a percentage bar with the numbers), and the year's
 * honours — 积分冠军 and 荣誉小区. Drawn with plain views, so weapp and h5 look the same.
 */
export default function DashboardPage() {
  const asked = useRouter().params.year
  const thisYear = yearKeyOf()
  const [year, setYear] = useState(asked && isYearInput(asked) && asked <= thisYear ? asked : thisYear)
  const { state, reload } = useApi(async () => {
    const [board, honours] = await Promise.all([api.governance.dashboard({ year }, quietUnknown), api.governance.honours({ year }, quietUnknown)])
    return { board, honours }
  }, [year])

  usePullDownReload(reload)

  return (
    <View className='sz-page sz-dash' data-testid='dashboard-page'>
      <PeriodStepper
        label={`${year}年`}
        previousLabel='上一年'
        nextLabel='下一年'
        onPrevious={() => setYear(String(Number(year) - 1))}
        onNext={year < thisYear ? () => setYear(String(Number(year) + 1)) : undefined}
        testId='dashboard-year'
      />
      <Loaded
        state={state}
        reload={reload}
        bare
        refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组和网格员可以看数据看板' testId='dashboard-forbidden' /> }}
      >
        {({ board, honours }) => (
          <>
            <Summary board={board} />
            <MonthsChart board={board} />
            <CategoryChart board={board} />
            <Participation board={board} />
            <HonoursCard honours={honours} />
          </>
        )}
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}

function Summary({ board }: { board: Dashboard }) {
  const points = board.months.reduce((n, m) => n + m.points, 0)
  const claims = board.months.reduce((n, m) => n + m.claims, 0)
  const households = board.courtyards.reduce((n, c) => n + c.households, 0)
  const taking = board.courtyards.reduce((n, c) => n + c.participating, 0)
  return (
    <View className='sz-card sz-dash__summary' data-testid='dashboard-summary'>
      <View className='sz-dash__figure'>
        <Text className='sz-dash__figure-value' data-testid='dashboard-total'>
          {formatPoints(Math.round(points * 10) / 10)}
        </Text>
        <Text className='sz-dash__figure-label'>全年积分</Text>
      </View>
      <View className='sz-dash__figure'>
        <Text className='sz-dash__figure-value'>{claims}</Text>
        <Text className='sz-dash__figure-label'>通过的申报</Text>
      </View>
      <View className='sz-dash__figure'>
        <Text className='sz-dash__figure-value'>{percent(taking, households)}%</Text>
        <Text className='sz-dash__figure-label'>
          参与户（{taking}/{households}）
        </Text>
      </View>
    </View>
  )
}

/** 每月积分: twelve columns, each bar's height its share of the best month, its value above and its month below. */
function MonthsChart({ board }: { board: Dashboard }) {
  const max = Math.max(0, ...board.months.map((m) => m.points))
  const best = board.months.reduce((a, b) => (b.points > a.points ? b : a), board.months[0])
  return (
    <View className='sz-card' data-testid='dashboard-months'>
      <Text className='sz-dash__title'>每月积分</Text>
      <Text className='sz-dash__note sz-dash__note--top'>柱子上的数是当月积分，下面是月份</Text>
      <View className='sz-dash__columns'>
        {board.months.map((m) => {
          const value = barValue(m.points)
          return (
            <View key={m.month} className='sz-dash__column' data-testid={`dashboard-month-${m.month}`} data-points={m.points}>
              <View className='sz-dash__column-track'>
                <View className='sz-dash__column-bar' style={{ height: share(m.points, max) }}>
                  <Text className={`sz-dash__column-value ${value.length >= 4 ? 'sz-dash__column-value--long' : ''} ${m.points === 0 ? 'sz-dash__column-value--zero' : ''}`}>{value}</Text>
                </View>
              </View>
              <Text className='sz-dash__column-label'>{Number(m.month.slice(5))}</Text>
            </View>
          )
        })}
      </View>
      <Text className='sz-dash__note' data-testid='dashboard-months-note'>
        {max > 0 ? `最多的是 ${Number(best.month.slice(5))} 月：${formatPoints(best.points)} 分，通过申报 ${best.claims} 次。` : `${board.year}年还没有积分。`}
      </Text>
    </View>
  )
}

/** 按类别: one row a category, the name and its numbers above a bar across. */
function CategoryChart({ board }: { board: Dashboard }) {
  const max = Math.max(0, ...board.categories.map((c) => c.points))
  return (
    <View className='sz-card' data-testid='dashboard-categories'>
      <Text className='sz-dash__title'>各类别积分</Text>
      {board.categories.length === 0 ? (
        <Text className='sz-dash__note'>还没有按细则通过的申报。</Text>
      ) : (
        board.categories.map((c) => (
          <View key={c.categoryId} className='sz-dash__row' data-testid={`dashboard-category-${c.categoryId}`}>
            <View className='sz-dash__row-head'>
              <Text className='sz-dash__row-name'>{c.name}</Text>
              <Text className='sz-dash__row-value'>
                {formatPoints(c.points)} 分
              </Text>
            </View>
            <View className='sz-dash__track'>
              <View className='sz-dash__fill' style={{ width: share(c.points, max) }} />
            </View>
          </View>
        ))
      )}
    </View>
  )
}

/** 参与情况: in each courtyard, households with an approved claim this year out of all, as a percentage bar. */
function Participation({ board }: { board: Dashboard }) {
  return (
    <View className='sz-card' data-testid='dashboard-courtyards'>
      <Text className='sz-dash__title'>各院落参与情况</Text>
      <Text className='sz-dash__note sz-dash__note--top'>今年有积分的户数 / 总户数</Text>
      {board.courtyards.length === 0 ? (
        <Text className='sz-dash__note'>还没有院落。</Text>
      ) : (
        board.courtyards.map((c) => {
          const p = percent(c.participating, c.households)
          return (
            <View key={c.courtyardId} className='sz-dash__row' data-testid={`dashboard-courtyard-${c.courtyardId}`}>
              <View className='sz-dash__row-head'>
                <Text className='sz-dash__row-name'>{c.name}</Text>
                <Text className='sz-dash__row-value'>
                  {c.participating}/{c.households} 户 · {p}%
                </Text>
              </View>
              <View className='sz-dash__track'>
                <View className='sz-dash__fill sz-dash__fill--blue' style={{ width: `${p}%` }} />
              </View>
              <Text className='sz-dash__row-sub'>全年积分 {formatPoints(c.points)}</Text>
            </View>
          )
        })
      )}
    </View>
  )
}

function HonoursCard({ honours }: { honours: Honours }) {
  return (
    <View className='sz-card' data-testid='dashboard-honours'>
      <Text className='sz-dash__title'>{honours.year}年度荣誉</Text>
      <View className='sz-dash__estate' data-testid='dashboard-honour-courtyard'>
        <Text className='sz-dash__estate-label'>荣誉小区</Text>
        {honours.courtyard ? (
          <Text className='sz-dash__estate-name'>
            {honours.courtyard.name}
            <Text className='sz-dash__estate-score'> {formatPoints(honours.courtyard.score)} 分</Text>
          </Text>
        ) : (
          <Text className='sz-dash__note'>还没有院落得分。</Text>
        )}
      </View>
      <Text className='sz-dash__subtitle'>积分冠军</Text>
      {honours.champions.length === 0 ? (
        <Text className='sz-dash__note'>还没有居民得分。</Text>
      ) : (
        honours.champions.map((c) => (
          <View key={c.id} className='sz-dash__champion' data-testid={`dashboard-champion-${c.rank}`}>
            <Text className={`sz-dash__rank ${c.rank <= 3 ? `sz-dash__rank--${c.rank}` : ''}`}>{c.rank}</Text>
            <Text className='sz-dash__champion-name'>{c.name}</Text>
            <Text className='sz-dash__champion-score'>{formatPoints(c.score)} 分</Text>
          </View>
        ))
      )}
    </View>
  )
}
