import { View, Text } from '@tarojs/components'
import type { Claim } from '@core/claim-input'
import { pointsLabel } from '../RuleCatalogue'
import { StatusChip } from '../StatusChip'
import { formatDateTime } from '../format'
import type { BaseProps } from '../types'
import './index.scss'

export interface ClaimRowProps extends BaseProps {
  claim: Claim
  /** Draws the hairline above (every row but the first). */
  divided?: boolean
  onTap?: (claim: Claim) => void
}

/** One claim in a list: the item, when it was done, its status chip, and its points in plain view. */
export function ClaimRow({ claim, divided, onTap, className, testId }: ClaimRowProps) {
  const counted = claim.status !== 'rejected' && claim.status !== 'withdrawn'
  return (
    <View
      className={`sz-claim-row ${divided ? 'sz-claim-row--divided' : ''} ${className ?? ''}`}
      hoverClass='sz-claim-row--hover'
      data-testid={testId ?? `claim-row-${claim.id}`}
      onClick={() => onTap?.(claim)}
    >
      <View className='sz-claim-row__main'>
        <Text className='sz-claim-row__name'>{claim.ruleName}</Text>
        <View className='sz-claim-row__meta'>
          <StatusChip status={claim.status} />
          <Text className='sz-claim-row__date'>{formatDateTime(claim.occurredAt)}</Text>
        </View>
        {claim.proxy ? <Text className='sz-claim-row__proxy'>{claim.residentName}（{claim.proxy.name}代报）</Text> : null}
      </View>
      <Text className={`sz-claim-row__points sz-claim-row__points--${claim.status === 'approved' ? 'credited' : counted ? 'pending' : 'void'}`}>
        {pointsLabel(claim.points)}
      </Text>
      {onTap ? <Text className='sz-claim-row__arrow'>›</Text> : null}
    </View>
  )
}

export default ClaimRow
