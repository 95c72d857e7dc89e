import { View, Text } from '@tarojs/components'
import './index.scss'

export interface FactProps {
  label: string
  value: string
  /** In red and heavy: something that stops the person (已兑完). */
  warn?: boolean
  /** On the value. */
  testId?: string
}

/** One line of a detail card: a grey label of fixed width, the value beside it (时间 …, 还剩 …, 兑换人 …). */
export function Fact({ label, value, warn, testId }: FactProps) {
  return (
    <View className='sz-fact'>
      <Text className='sz-fact__label'>{label}</Text>
      <Text className={`sz-fact__value ${warn ? 'sz-fact__value--warn' : ''}`} data-testid={testId}>
        {value}
      </Text>
    </View>
  )
}

export default Fact
