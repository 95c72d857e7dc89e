import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { BaseProps } from '../types'
import './index.scss'

/** One step of a record's history: what was done (its tone colours the dot and the title), by whom and when, and more. */
export interface TimelineStep {
  key: string
  title: string
  /** `reject` (red), `return` / `withdraw` (orange); none: done (green). */
  tone?: string
  meta?: string
  /** Under the meta: a reason, a note, photos. */
  children?: ReactNode
  testId?: string
}

export interface TimelineProps extends BaseProps {
  steps: TimelineStep[]
  /** What it waits for now, after the last step (a hollow dot); none when it is over. */
  waiting?: { title: string; testId?: string }
}

/** A record's steps, oldest first, a dot per step on a vertical line; then, while it waits, what it waits for. */
export function Timeline({ steps, waiting, className, testId = 'timeline' }: TimelineProps) {
  return (
    <View className={`sz-timeline ${className ?? ''}`} data-testid={testId}>
      {steps.map((s, i) => (
        <View key={s.key} className='sz-timeline__item' data-testid={s.testId}>
          <View className='sz-timeline__rail'>
            <View className={`sz-timeline__dot ${s.tone ? `sz-timeline__dot--${s.tone}` : ''}`} />
            {i < steps.length - 1 || waiting ? <View className='sz-timeline__line' /> : null}
          </View>
          <View className='sz-timeline__body'>
            <Text className={`sz-timeline__title ${s.tone ? `sz-timeline__title--${s.tone}` : ''}`}>{s.title}</Text>
            {s.meta ? <Text className='sz-timeline__meta'>{s.meta}</Text> : null}
            {s.children}
          </View>
        </View>
      ))}
      {waiting ? (
        <View className='sz-timeline__item' data-testid={waiting.testId}>
          <View className='sz-timeline__rail'>
            <View className='sz-timeline__dot sz-timeline__dot--waiting' />
          </View>
          <View className='sz-timeline__body'>
            <Text className='sz-timeline__title sz-timeline__title--waiting'>{waiting.title}</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}

export default Timeline
