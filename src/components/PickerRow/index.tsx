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

/** 月份: this month or an earlier one, as `YYYY-MM`. */
export function MonthPicker({ month, onChange, testId }: { month: string; onChange: (month: string) => void; testId: string }) {
  return (
    <Picker mode='date' fields='month' value={month} end={monthKeyOf()} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
      <PickerRow label='月份' testId={testId}>
        {monthLabel(month)}
      </PickerRow>
    </Picker>
  )
}
