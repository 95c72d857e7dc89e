import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import { api, type Voucher } from '../../api'
import { Loaded, PageState, Tabs, dayLabel, monthKeyOf, monthLabel, pickerDate, pickerTime, quietUnknown, useApi } from '../../components'
import { MonthPicker, PickerRow } from '../../components/PickerRow'
import './index.scss'

type Mode = 'day' | 'month'
const MODES = [
  { key: 'day', title: '按日' },
  { key: 'month', title: '按月' },
] as const

/** 核销记录 (商家店员): the redemptions of a day (default today), or a month by day and by offer; totals on top. */
export default function HistoryPage() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) =>
        me.merchantId ? (
          <History />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有商家店员可以看核销记录' testId='history-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function History() {
  const today = pickerDate(new Date())
  const [mode, setMode] = useState<Mode>('day')
  const [day, setDay] = useState(today)
  const [month, setMonth] = useState(monthKeyOf())
  // A pull-down loads the view on screen again.
  const [refresh, setRefresh] = useState(0)
  usePullDownRefresh(() => {
    setRefresh((n) => n + 1)
    setTimeout(() => void Taro.stopPullDownRefresh(), 600)
  })

  return (
    <View className='sz-page sz-history' data-testid='history-page'>
      <Tabs tabs={MODES} value={mode} onChange={setMode} testId='history-mode' />
      {mode === 'day' ? (
        <DayView day={day} today={today} refresh={refresh} onDay={setDay} />
      ) : (
        <MonthView
          month={month}
          refresh={refresh}
          onMonth={setMonth}
          onDay={(d) => {
            setDay(d)
            setMode('day')
          }}
        />
      )}
      <View className='sz-bottom-space' />
    </View>
  )
}

function DayView({ day, today, refresh, onDay }: { day: string; today: string; refresh: number; onDay: (day: string) => void }) {
  const { state, reload } = useApi(() => api.shop.redemptions({ day }, quietUnknown), [day, refresh])
  return (
    <>
      <View className='sz-history__picker'>
        <Picker mode='date' value={day} end={today} onChange={(e) => onDay(String(e.detail.value))}>
          <PickerRow label='日期' testId='history-day'>
            {dayLabel(day)}
            {day === today ? '（今天）' : ''}
          </PickerRow>
        </Picker>
      </View>
      <Loaded state={state} reload={reload} bare>
        {({ items, total }) => (
          <>
            <Totals count={total.count} points={total.points} label={day === today ? '今天' : dayLabel(day)} />
            {items.length === 0 ? (
              <PageState kind='empty' title='这一天还没有核销' description='居民出示兑换券的二维码，在“扫码核销”里扫一下就记在这里。' testId='history-empty' />
            ) : (
              <View className='sz-list' data-testid='history-list'>
                {items.map((v, i) => (
                  <RedemptionRow key={v.id} voucher={v} divided={i > 0} />
                ))}
              </View>
            )}
          </>
        )}
      </Loaded>
    </>
  )
}

function RedemptionRow({ voucher, divided }: { voucher: Voucher; divided: boolean }) {
  return (
    <View className={`sz-history__row ${divided ? 'sz-history__row--divided' : ''}`} data-testid={`history-row-${voucher.id}`}>
      <Text className='sz-history__time'>{voucher.redeemedAt ? pickerTime(voucher.redeemedAt) : '--:--'}</Text>
      <View className='sz-history__main'>
        <Text className='sz-history__title'>{voucher.offerTitle}</Text>
        <Text className='sz-history__who'>
          {voucher.residentName}
          {voucher.courtyardName ? ` · ${voucher.courtyardName}` : ''}
        </Text>
      </View>
      <Text className='sz-history__points'>{formatPoints(voucher.points)} 分</Text>
    </View>
  )
}

function Totals({ count, points, label }: { count: number; points: number; label: string }) {
  return (
    <View className='sz-card sz-history__totals' data-testid='history-totals'>
      <Text className='sz-history__totals-label'>{label}共核销</Text>
      <View className='sz-history__totals-numbers'>
        <Text className='sz-history__totals-value' data-testid='history-total-count'>
          {count}
        </Text>
        <Text className='sz-history__totals-unit'>张券</Text>
        <Text className='sz-history__totals-value' data-testid='history-total-points'>
          {formatPoints(points)}
        </Text>
        <Text className='sz-history__totals-unit'>积分</Text>
      </View>
    </View>
  )
}

function MonthView({ month, refresh, onMonth, onDay }: { month: string; refresh: number; onMonth: (m: string) => void; onDay: (day: string) => void }) {
  const { state, reload } = useApi(() => api.shop.settlement({ month }, quietUnknown), [month, refresh])
  return (
    <>
      <View className='sz-history__picker'>
        <MonthPicker month={month} onChange={onMonth} testId='history-month' />
      </View>
      <Loaded state={state} reload={reload} bare>
        {(s) => {
          const offers = s.merchants.flatMap((m) => m.offers)
          const days = (s.days ?? []).filter((d) => d.count > 0)
          return (
            <>
              <Totals count={s.total.count} points={s.total.points} label={monthLabel(month)} />
              {s.total.count === 0 ? (
                <PageState kind='empty' title='这个月还没有核销' testId='history-month-empty' />
              ) : (
                <>
                  <Text className='sz-section-title'>按商品</Text>
                  <View className='sz-list' data-testid='history-month-offers'>
                    {offers.map((o, i) => (
                      <View key={o.offerId} className={`sz-history__row ${i > 0 ? 'sz-history__row--divided' : ''}`}>
                        <View className='sz-history__main'>
                          <Text className='sz-history__title'>{o.title}</Text>
                          <Text className='sz-history__who'>{o.count} 张</Text>
                        </View>
                        <Text className='sz-history__points'>{formatPoints(o.points)} 分</Text>
                      </View>
                    ))}
                  </View>
                  {days.length > 0 ? (
                    <>
                      <Text className='sz-section-title'>按天（点一天看明细）</Text>
                      <View className='sz-list' data-testid='history-month-days'>
                        {days.map((d, i) => (
                          <View
                            key={d.day}
                            className={`sz-history__row ${i > 0 ? 'sz-history__row--divided' : ''}`}
                            hoverClass='sz-history__row--hover'
                            data-testid={`history-month-day-${d.day}`}
                            onClick={() => onDay(d.day)}
                          >
                            <View className='sz-history__main'>
                              <Text className='sz-history__title'>{dayLabel(d.day)}</Text>
                              <Text className='sz-history__who'>{d.count} 张</Text>
                            </View>
                            <Text className='sz-history__points'>{formatPoints(d.points)} 分</Text>
                            <Text className='sz-arrow'>›</Text>
                          </View>
                        ))}
                      </View>
                    </>
                  ) : null}
                </>
              )}
            </>
          )
        }}
      </Loaded>
    </>
  )
}
