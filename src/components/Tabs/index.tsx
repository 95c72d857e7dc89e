import { View, Text } from '@tarojs/components'
import type { BaseProps } from '../types'
import './index.scss'

export interface TabsProps<K extends string> extends BaseProps {
  tabs: readonly { key: K; title: string }[]
  value: K
  onChange: (key: K) => void
  /** Edge to edge at the top of the page (for four or five tabs). */
  wide?: boolean
}

/** A row of large tabs (each at least 88 high), the chosen one green and underlined. */
export function Tabs<K extends string>({ tabs, value, onChange, wide, className, testId = 'tabs' }: TabsProps<K>) {
  return (
    <View className={`sz-tabs ${wide ? 'sz-tabs--wide' : ''} ${className ?? ''}`} data-testid={testId}>
      {tabs.map((t) => (
        <View
          key={t.key}
          className={`sz-tabs__tab ${t.key === value ? 'sz-tabs__tab--active' : ''}`}
          data-testid={`${testId}-${t.key}`}
          data-active={t.key === value ? 'true' : 'false'}
          onClick={() => t.key !== value && onChange(t.key)}
        >
          <Text className='sz-tabs__title'>{t.title}</Text>
        </View>
      ))}
    </View>
  )
}

export default Tabs
