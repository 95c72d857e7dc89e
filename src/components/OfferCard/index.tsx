import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { OFFER_KIND_NAMES, describeEligibility } from '@core/shop'
import { formatPoints } from '@core/points'
import type { Offer } from '../../api'
import { formatDate } from '../format'
import { OfferStatusChip } from '../OfferStatusChip'
import './index.scss'

export interface OfferCardProps {
  offer: Offer
  /** The admin sees whose offer it is. */
  showMerchant?: boolean
  onTap?: () => void
  /** Buttons under the card (审核, 下架, 修改). */
  children?: ReactNode
}

/** One offer with every number in plain view: points, stock, the limit, the last day, who may exchange it. */
export function OfferCard({ offer, showMerchant, onTap, children }: OfferCardProps) {
  return (
    <View className='sz-card sz-offer-card' data-testid={`offer-card-${offer.id}`} data-status={offer.status}>
      <View className='sz-offer-card__head' onClick={onTap}>
        <View className='sz-offer-card__main'>
          <Text className='sz-offer-card__title'>{offer.title}</Text>
          <View className='sz-offer-card__meta'>
            <OfferStatusChip status={offer.status} testId={`offer-status-${offer.id}`} />
            <Text className='sz-offer-card__kind'>{OFFER_KIND_NAMES[offer.kind] ?? offer.kind}</Text>
            {showMerchant ? <Text className='sz-offer-card__kind'>{offer.merchantName}</Text> : null}
          </View>
        </View>
        <Text className='sz-offer-card__points'>{formatPoints(offer.points)} 积分</Text>
        {onTap ? <Text className='sz-arrow'>›</Text> : null}
      </View>
      <View className='sz-offer-card__facts'>
        <Text className={`sz-offer-card__fact ${offer.stock === 0 ? 'sz-offer-card__fact--out' : ''}`} data-testid={`offer-stock-${offer.id}`}>
          库存 {offer.stock}
        </Text>
        <Text className='sz-offer-card__fact'>{formatDate(offer.validUntil)}前有效</Text>
        {describeEligibility(offer.eligibility, offer.perResidentLimit).map((line) => (
          <Text key={line} className='sz-offer-card__fact'>
            {line}
          </Text>
        ))}
      </View>
      {offer.description ? <Text className='sz-offer-card__description'>{offer.description}</Text> : null}
      {offer.status === 'rejected' && offer.note ? (
        <Text className='sz-offer-card__note' data-testid={`offer-note-${offer.id}`}>
          未通过的原因：{offer.note}
        </Text>
      ) : null}
      {children ? <View className='sz-offer-card__actions'>{children}</View> : null}
    </View>
  )
}

/** A button under an offer card, 88 high. */
export function CardAction({ testId, kind, onTap, children }: { testId: string; kind?: 'primary' | 'danger'; onTap: () => void; children: ReactNode }) {
  return (
    <View className={`sz-offer-card__action ${kind ? `sz-offer-card__action--${kind}` : ''}`} hoverClass='sz-offer-card__action--hover' data-testid={testId} onClick={onTap}>
      {children}
    </View>
  )
}
