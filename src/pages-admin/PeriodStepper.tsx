import { View, Text } from '@tarojs/components'

export interface PeriodStepperProps {
  /** What is shown between the arrows: 2026年. */
  label: string
  onPrevious: () => void
  /** Absent at the current period: nothing later to see. */
  onNext?: () => void
  previousLabel: string
  nextLabel: string
  testId: string
}

/** ‹ 2026年 ›: a year or a quarter stepped with two big arrows (no picker wheel to learn). */
export function PeriodStepper({ label, onPrevious, onNext, previousLabel, nextLabel, testId }: PeriodStepperProps) {
  return (
    <View className='sz-stepper' data-testid={testId}>
      <View className='sz-stepper__arrow' hoverClass='sz-stepper__arrow--hover' aria-label={previousLabel} data-testid={`${testId}-previous`} onClick={onPrevious}>
        ‹
      </View>
      <Text className='sz-stepper__value' data-testid={`${testId}-value`}>
        {label}
      </Text>
      <View
        className={`sz-stepper__arrow ${onNext ? '' : 'sz-stepper__arrow--off'}`}
        hoverClass={onNext ? 'sz-stepper__arrow--hover' : 'none'}
        aria-label={nextLabel}
        aria-disabled={onNext ? undefined : 'true'}
        data-testid={`${testId}-next`}
        onClick={() => onNext?.()}
      >
        ›
      </View>
    </View>
  )
}
