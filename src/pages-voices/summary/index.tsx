import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { HAZARD_OVERDUE_DAYS, type VoiceSummaryRow, durationWords } from '@core/voices'
import { api } from '../../api'
import { Loaded, PageState, ROUTES, Tabs, monthKeyOf, monthLabel, open, quietUnknown, useApi, useReshow, usePullDownReload } from '../../components'
import { MonthPicker } from '../../components/PickerRow'
import { ExportButton } from '../../components/ExportButton'
import './index.scss'

type Period = 'month' | 'all'
const PERIODS: readonly { key: Period; title: string }[] = [
  { key: 'month', title: '按月份' },
  { key: 'all', title: '全部' },
]

/**
 * 说事统计 (工作小组): for a month (by when things were posted) or for all time, each kind — 居民说事, 微心愿, 随手拍 — in
 * a card: how many, how many closed and still open, the median time to close, how many of each status; the 随手拍 that
 * waited more than three days in red, a tap away from the list. 导出 Excel gives the month's 说事台账. It opens on this
 * month; `?month=2026-11` opens another, `?month=all` all of them.
 */
export default function VoiceSummaryPage() {
  const asked = Taro.getCurrentInstance().router?.params?.month
  const thisMonth = monthKeyOf()
  const [period, setPeriod] = useState<Period>(asked === 'all' ? 'all' : 'month')
  const [month, setMonth] = useState(asked && /^\d{4}-\d{2}$/.test(asked) && asked <= thisMonth ? asked : thisMonth)
  const { state, reload } = useApi(() => api.voices.summary(period === 'month' ? { month } : {}, quietUnknown), [period, month])

  usePullDownReload(reload)
  // Back from the list of 随手拍: some may have been handled.
  useReshow(() => void reload())

  const when = period === 'month' ? monthLabel(month) : '全部月份'
  return (
    <View className='sz-page sz-voice-summary' data-testid='voice-summary-page'>
      <Tabs tabs={PERIODS} value={period} onChange={setPeriod} testId='voice-summary-period' />
      {period === 'month' ? (
        <View className='sz-voice-summary__month'>
          <MonthPicker month={month} onChange={setMonth} testId='voice-summary-month' />
        </View>
      ) : null}
      <Loaded
        state={state}
        reload={reload}
        bare
        refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以看说事统计' testId='voice-summary-forbidden' /> }}
      >
        {({ rows }) =>
          rows.every((r) => r.total === 0) ? (
            <PageState kind='empty' title={`${when}还没有人说事`} description='居民说事、许微心愿、随手拍隐患以后，这里按种类统计件数和办理情况。' testId='voice-summary-empty' />
          ) : (
            <>
              <Text className='sz-voice-summary__note' data-testid='voice-summary-note'>
                {period === 'month' ? `${when}提出的事情，现在的办理情况。` : '所有月份提出的事情，现在的办理情况。'}
                办结用时取中间数：一半的事在这个时间以内办完。
              </Text>
              {rows.map((row) => (
                <KindCard key={row.kind} row={row} />
              ))}
              {period === 'month' ? (
                <View className='sz-actions'>
                  {/* Keyed by month: another month starts without the last one's link. */}
                  <ExportButton key={month} label={`导出${when}说事台账（Excel）`} make={() => api.voices.export({ month }).then((r) => r.file)} testId='voice-summary-export' />
                </View>
              ) : (
                <Text className='sz-voice-summary__note' data-testid='voice-summary-export-hint'>
                  导出 Excel 请先点“按月份”，选一个月。
                </Text>
              )}
            </>
          )
        }
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}

/** One kind: 共 N 件, then 已办结 / 在办 / 办结用时, the overdue 随手拍, and every status with its count. */
function KindCard({ row }: { row: VoiceSummaryRow }) {
  const id = `voice-summary-${row.kind}`
  return (
    <View className='sz-card sz-voice-summary__card' data-testid={id}>
      <View className='sz-voice-summary__head'>
        <Text className='sz-voice-summary__kind'>{row.kindName}</Text>
        <Text className='sz-voice-summary__total' data-testid={`${id}-total`}>
          共 {row.total} 件
        </Text>
      </View>
      <View className='sz-voice-summary__figures'>
        <Figure label='已办结' value={`${row.closed}`} testId={`${id}-closed`} />
        <Figure label='在办' value={`${row.open}`} testId={`${id}-open`} />
        <Figure label='办结用时' value={durationWords(row.medianHours)} testId={`${id}-median`} small />
      </View>
      {row.kind === 'hazard' ? (
        row.overdue > 0 ? (
          <View className='sz-voice-summary__overdue' hoverClass='sz-voice-summary__overdue--hover' data-testid='voice-summary-overdue' onClick={() => open(ROUTES.voices('hazard', 'queue'))}>
            <Text className='sz-voice-summary__overdue-text'>
              超过 {HAZARD_OVERDUE_DAYS} 天未处理 {row.overdue} 件
            </Text>
            <Text className='sz-voice-summary__overdue-go'>去看看 ›</Text>
          </View>
        ) : (
          <Text className='sz-voice-summary__line' data-testid='voice-summary-overdue-none'>
            没有超过 {HAZARD_OVERDUE_DAYS} 天未处理的
          </Text>
        )
      ) : null}
      <View className='sz-voice-summary__statuses'>
        {row.byStatus.map((s) => (
          <View key={s.status} className={`sz-voice-summary__status ${s.count === 0 ? 'sz-voice-summary__status--none' : ''}`} data-testid={`${id}-status-${s.status}`}>
            <Text className='sz-voice-summary__status-name'>{s.name}</Text>
            <Text className='sz-voice-summary__status-count'>{s.count} 件</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Figure({ label, value, testId, small }: { label: string; value: string; testId: string; small?: boolean }) {
  return (
    <View className='sz-voice-summary__figure'>
      <Text className={`sz-voice-summary__figure-value ${small ? 'sz-voice-summary__figure-value--small' : ''}`} data-testid={testId}>
        {value}
      </Text>
      <Text className='sz-voice-summary__figure-label'>{label}</Text>
    </View>
  )
}
