import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatPoints } from '@core/points'
import { api, type SettlementRow } from '../../api'
import { Loaded, PageState, monthKeyOf, monthLabel, quietUnknown, useApi, usePullDownReload } from '../../components'
import { MonthPicker } from '../../components/PickerRow'
import { ExportButton } from '../../components/ExportButton'
import { shiftMonth } from '../periods'
import '../admin.scss'
import './index.scss'

/**
 * 月结算 (工作小组): each merchant's redemptions of a month — how many vouchers, how many points — opened up by offer,
 * with the month's total; 导出 Excel for the books (h5: a download link; weapp: WeChat opens the file). It opens on
 * last month, the month a settlement is made for; `?month=2026-11` opens another.
 */
export default function SettlementPage() {
  const [month, setMonth] = useState(() => {
    const asked = Taro.getCurrentInstance().router?.params?.month
    return asked && /^\d{4}-\d{2}$/.test(asked) && asked <= monthKeyOf() ? asked : shiftMonth(monthKeyOf(), -1)
  })
  const { state, reload } = useApi(() => api.shop.settlement({ month }, quietUnknown), [month])
  const [open, setOpen] = useState<Record<string, boolean>>({})

  usePullDownReload(reload)

  return (
    <View className='sz-page sz-settlement' data-testid='settlement-page'>
      <View className='sz-settlement__month'>
        <MonthPicker month={month} onChange={setMonth} testId='settlement-month' />
      </View>
      <Loaded
        state={state}
        reload={reload}
        bare
        refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以看月结算' testId='settlement-forbidden' /> }}
      >
        {(s) => (
          <>
            {s.merchants.length === 0 ? (
              <PageState kind='empty' title={`${monthLabel(month)}还没有核销`} description='居民在商家兑换、店员扫码核销后，这里按商家汇总。' testId='settlement-empty' />
            ) : (
              <View className='sz-list' data-testid='settlement-list'>
                <View className='sz-settlement__row sz-settlement__row--head'>
                  <Text className='sz-settlement__name'>商家</Text>
                  <Text className='sz-settlement__count'>核销</Text>
                  <Text className='sz-settlement__points'>积分</Text>
                </View>
                {s.merchants.map((m) => (
                  <MerchantRow key={m.merchantId} row={m} open={!!open[m.merchantId]} onToggle={() => setOpen({ ...open, [m.merchantId]: !open[m.merchantId] })} />
                ))}
                <View className='sz-settlement__row sz-settlement__row--divided sz-settlement__row--total' data-testid='settlement-total'>
                  <Text className='sz-settlement__name'>合计</Text>
                  <Text className='sz-settlement__count' data-testid='settlement-total-count'>
                    {s.total.count} 张
                  </Text>
                  <Text className='sz-settlement__points' data-testid='settlement-total-points'>
                    {formatPoints(s.total.points)}
                  </Text>
                </View>
              </View>
            )}
            <View className='sz-actions'>
              {/* Keyed by month: another month starts without the last one's link. */}
              <ExportButton key={month} make={() => api.shop.exportSettlement({ month })} testId='settlement-export' />
            </View>
          </>
        )}
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}

function MerchantRow({ row, open, onToggle }: { row: SettlementRow; open: boolean; onToggle: () => void }) {
  return (
    <View data-testid={`settlement-merchant-${row.merchantId}`}>
      <View className='sz-settlement__row sz-settlement__row--divided' hoverClass='sz-settlement__row--hover' data-testid={`settlement-toggle-${row.merchantId}`} onClick={onToggle}>
        <Text className='sz-settlement__name'>
          <Text className='sz-settlement__fold'>{open ? '▾' : '▸'}</Text>
          {row.merchantName}
        </Text>
        <Text className='sz-settlement__count' data-testid={`settlement-count-${row.merchantId}`}>
          {row.count} 张
        </Text>
        <Text className='sz-settlement__points' data-testid={`settlement-points-${row.merchantId}`}>
          {formatPoints(row.points)}
        </Text>
      </View>
      {open
        ? row.offers.map((o) => (
            <View key={o.offerId} className='sz-settlement__row sz-settlement__row--offer' data-testid={`settlement-offer-${o.offerId}`}>
              <Text className='sz-settlement__name'>{o.title}</Text>
              <Text className='sz-settlement__count'>{o.count} 张</Text>
              <Text className='sz-settlement__points'>{formatPoints(o.points)}</Text>
            </View>
          ))
        : null}
    </View>
  )
}
