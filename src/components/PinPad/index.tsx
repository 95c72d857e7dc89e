import { View, Text } from '@tarojs/components'
import type { BaseProps } from '../types'
import './index.scss'

export interface PinPadProps extends BaseProps {
  /** The digits typed so far. */
  value: string
  onChange: (value: string) => void
  /** How many digits the PIN has. */
  length?: number
  disabled?: boolean
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const

/**
 * The counter's PIN pad: big keys the resident taps (or the clerk taps as the resident says them), each digit shown
 * only as a dot, so the person behind sees nothing. 清除 starts again, ← takes back one digit.
 * Test ids: `<testId>-dots` (data-filled: how many), `<testId>-key-<digit>`, `-clear`, `-back`.
 */
export function PinPad({ value, onChange, length = 4, disabled, className, testId = 'pin-pad' }: PinPadProps) {
  const press = (key: (typeof KEYS)[number]) => {
    if (disabled) return
    if (key === 'clear') onChange('')
    else if (key === 'back') onChange(value.slice(0, -1))
    else if (value.length < length) onChange(value + key)
  }
  return (
    <View className={`sz-pin ${disabled ? 'sz-pin--disabled' : ''} ${className ?? ''}`} data-testid={testId}>
      <View className='sz-pin__dots' data-testid={`${testId}-dots`} data-filled={value.length} aria-label={`已输入 ${value.length} 位`}>
        {Array.from({ length }, (_, i) => (
          <View key={i} className={`sz-pin__dot ${i < value.length ? 'sz-pin__dot--on' : ''}`} />
        ))}
      </View>
      <View className='sz-pin__keys'>
        {KEYS.map((key) => {
          const word = key === 'clear' ? '清除' : key === 'back' ? '退格' : key
          const id = key === 'clear' || key === 'back' ? `${testId}-${key}` : `${testId}-key-${key}`
          return (
            <View key={key} className={`sz-pin__key ${key.length > 1 ? 'sz-pin__key--word' : ''}`} hoverClass='sz-pin__key--hover' data-testid={id} onClick={() => press(key)}>
              <Text>{word}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}

export default PinPad
