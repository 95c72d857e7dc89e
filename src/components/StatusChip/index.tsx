import { Text } from '@tarojs/components'
import { CLAIM_STATUS_NAMES, type ClaimStatus } from '@core/claims'
import type { BaseProps } from '../types'
import './index.scss'

export interface StatusChipProps extends BaseProps {
  status: ClaimStatus
  /** Larger, for the head of a detail page. */
  large?: boolean
}

/** A claim's status in words (待初审, 已通过 …) on its own colour, so a list can be scanned by colour and read by word. */
export function StatusChip({ status, large, className, testId = 'status-chip' }: StatusChipProps) {
  return (
    <Text className={`sz-status sz-status--${status} ${large ? 'sz-status--large' : ''} ${className ?? ''}`} data-testid={testId} data-status={status}>
      {CLAIM_STATUS_NAMES[status] ?? status}
    </Text>
  )
}

export default StatusChip
