import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

export interface FoldedProps {
  /** What the form does (调整积分, 登记扣分), on the row and over the form. */
  title: string
  /** One line under the title on the folded row. */
  hint: string
  /** After a success: the note in green above the form, its title, and what may follow it (a link). */
  done: string | null
  doneTitle: string
  doneAction?: ReactNode
  /** `<testId>-open`, `-form`, `-close`, `-done`. */
  testId: string
  children: ReactNode
}

/**
 * A staff form on 查询居民积分 folded into one row until it is wanted (the page is for reading first): the row says
 * what it does; opened, a head with 收起, the last success in green, then the form itself.
 */
export function Folded({ title, hint, done, doneTitle, doneAction, testId, children }: FoldedProps) {
  const [shown, setShown] = useState(false)
  if (!shown)
    return (
      <View className='sz-list'>
        <View className='sz-lookup__row' hoverClass='sz-lookup__row--hover' data-testid={`${testId}-open`} onClick={() => setShown(true)}>
          <View className='sz-lookup__main'>
            <Text className='sz-lookup__title'>{title}</Text>
            <Text className='sz-lookup__meta'>{hint}</Text>
          </View>
          <Text className='sz-lookup__arrow'>›</Text>
        </View>
      </View>
    )
  return (
    <View data-testid={`${testId}-form`}>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>{title}</Text>
        <View className='sz-list-head__link' data-testid={`${testId}-close`} onClick={() => setShown(false)}>
          收起
        </View>
      </View>
      {done ? (
        <View className='sz-alert sz-alert--success' data-testid={`${testId}-done`}>
          <Text className='sz-alert__title'>{doneTitle}</Text>
          <Text className='sz-alert__line'>{done}</Text>
          {doneAction}
        </View>
      ) : null}
      {children}
    </View>
  )
}
