import { Text } from '@tarojs/components'
import { OFFER_STATUS_NAMES, type OfferStatus } from '@core/shop'
import type { BaseProps } from '../types'
import './index.scss'

export interface OfferStatusChipProps extends BaseProps {
  status: OfferStatus
}

/** An offer's status in words (待审核, 兑换中, 未通过, 已下架) on its own colour, like a claim's StatusChip. */
export function OfferStatusChip({ status, className, testId = 'offer-status' }: OfferStatusChipProps) {
  return (
    <Text className={`sz-offer-status sz-offer-status--${status} ${className ?? ''}`} data-testid={testId} data-status={status}>
      {OFFER_STATUS_NAMES[status] ?? status}
    </Text>
  )
}

export default OfferStatusChip
