import { OFFER_STATUS_NAMES, type OfferStatus } from '@core/shop'
import { Chip, type ChipTone } from '../Chip'
import type { BaseProps } from '../types'

const TONES: Record<OfferStatus, ChipTone> = { pending: 'orange', active: 'green', rejected: 'red', retired: 'grey' }

export interface OfferStatusChipProps extends BaseProps {
  status: OfferStatus
}

/** An offer's status in words (待审核, 兑换中, 未通过, 已下架) on its own colour, like a claim's StatusChip. */
export function OfferStatusChip({ status, className, testId = 'offer-status' }: OfferStatusChipProps) {
  return (
    <Chip tone={TONES[status] ?? 'grey'} status={status} className={className} testId={testId}>
      {OFFER_STATUS_NAMES[status] ?? status}
    </Chip>
  )
}

export default OfferStatusChip
