import type { ReactNode } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { monthKeyOf, monthLabel } from '../format'

/** A picker's face (`sz-picker-row`): what it is, the chosen value large, and › to say "tap to change". */
export function PickerRow({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <View className='sz-picker-row' data-testid={testId}>
      <Text className='sz-picker-row__label'>{label}</Text>
      <Text className='sz-picker-row__value'>{children}</Text>
      <Text className='sz-arrow'>›</Text>
    </View>
  )
}

/** "2026-11" moved back `months` months (no page helpers here: components stand alone). */
function monthsBefore(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) - months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** How far back the wheel goes when the page does not know the community's first month: two years. */
const YEARS_BACK = 2

/**
 * 月份: this month or an earlier one, as `YYYY-MM`. The wheel offers only sane months: from `from` (the community's
 * first month, when the page knows it) or two years back, up to this month — not 1970 to 2999.
 */
export function MonthPicker({ month, onChange, testId, from }: { month: string; onChange: (month: string) => void; testId: string; from?: string }) {
  const thisMonth = monthKeyOf()
  const start = from && from <= thisMonth ? from : monthsBefore(thisMonth, YEARS_BACK * 12)
  return (
    <Picker mode='date' fields='month' value={month} start={`${start}-01`} end={`${thisMonth}-01`} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
      <PickerRow label='月份' testId={testId}>
        {monthLabel(month)}
      </PickerRow>
    </Picker>
  )
}
