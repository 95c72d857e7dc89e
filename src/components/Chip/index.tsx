import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import type { BaseProps } from '../types'
import './index.scss'

/** The hue of a chip: dark text on a light tint of it. */
export type ChipTone = 'blue' | 'purple' | 'green' | 'orange' | 'red' | 'grey'

export interface ChipProps extends BaseProps {
  tone: ChipTone
  /** Larger, for the head of a detail page. */
  large?: boolean
  /** Put on the chip as `data-status`, for tests. */
  status?: string
  children: ReactNode
}

/**
 * A status in words on its own colour (a claim's 待初审, an offer's 兑换中, a voucher's 已使用), so a list can be scanned
 * by colour and read by word. StatusChip, OfferStatusChip and VoucherChip choose the words and the tone.
 */
export function Chip({ tone, large, status, className, testId, children }: ChipProps) {
  return (
    <Text className={`sz-chip sz-chip--${tone} ${large ? 'sz-chip--large' : ''} ${className ?? ''}`} data-testid={testId} data-status={status}>
      {children}
    </Text>
  )
}

export default Chip
