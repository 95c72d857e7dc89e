import { CLAIM_STATUS_NAMES, type ClaimStatus } from '@core/claims'
import { Chip, type ChipTone } from '../Chip'
import type { BaseProps } from '../types'

const TONES: Record<ClaimStatus, ChipTone> = {
  submitted: 'blue',
  pre_approved: 'purple',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'grey',
}

export interface StatusChipProps extends BaseProps {
  status: ClaimStatus
  /** Larger, for the head of a detail page. */
  large?: boolean
}

/** A claim's status in words (待初审, 已通过 …) on its own colour, so a list can be scanned by colour and read by word. */
export function StatusChip({ status, large, className, testId = 'status-chip' }: StatusChipProps) {
  return (
    <Chip tone={TONES[status] ?? 'grey'} large={large} status={status} className={className} testId={testId}>
      {CLAIM_STATUS_NAMES[status] ?? status}
    </Chip>
  )
}

export default StatusChip
