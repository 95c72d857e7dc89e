import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import { VOUCHER_STATUS_NAMES, type Voucher, type VoucherStatus } from '@core/shop'
import { Chip, type ChipTone } from '../Chip'
import { formatDate } from '../format'
import type { BaseProps } from '../types'
import './index.scss'

export interface VoucherChipProps extends BaseProps {
  status: VoucherStatus
  large?: boolean
}

const TONES: Record<VoucherStatus, ChipTone> = { issued: 'green', redeemed: 'blue', cancelled: 'grey', expired: 'grey' }

/** A voucher's status in words (待使用, 已使用 …) on its own colour, like the claims' StatusChip. */
export function VoucherChip({ status, large, className, testId = 'voucher-chip' }: VoucherChipProps) {
  return (
    <Chip tone={TONES[status] ?? 'grey'} large={large} status={status} className={className} testId={testId}>
      {VOUCHER_STATUS_NAMES[status] ?? status}
    </Chip>
  )
}

export interface VoucherRowProps extends BaseProps {
  voucher: Voucher
  /** Draws the hairline above (every row but the first). */
  divided?: boolean
  /** Without the chip, where every row is 待使用 anyway (首页). */
  hideStatus?: boolean
  onTap?: (voucher: Voucher) => void
}

/** One voucher in a list: what it is, where to use it, its status, when it was exchanged and until when it is good. */
export function VoucherRow({ voucher: v, divided, hideStatus, onTap, className, testId }: VoucherRowProps) {
  const dates = v.status === 'issued' ? `${formatDate(v.validUntil)}前有效` : `兑换于 ${formatDate(v.issuedAt)}`
  return (
    <View
      className={`sz-voucher-row ${divided ? 'sz-voucher-row--divided' : ''} ${className ?? ''}`}
      hoverClass='sz-voucher-row--hover'
      data-testid={testId ?? `voucher-row-${v.id}`}
      data-status={v.status}
      onClick={() => onTap?.(v)}
    >
      <View className='sz-voucher-row__main'>
        <Text className='sz-voucher-row__title'>{v.offerTitle}</Text>
        <Text className='sz-voucher-row__line'>{v.merchantName}</Text>
        <Text className='sz-voucher-row__line'>{dates}</Text>
      </View>
      <View className='sz-voucher-row__side'>
        <Text className={`sz-voucher-row__points ${v.refunded ? 'sz-voucher-row__points--void' : ''}`}>{formatPoints(v.points)} 积分</Text>
        {hideStatus ? null : <VoucherChip status={v.status} className='sz-voucher-row__chip' />}
      </View>
      {onTap ? <Text className='sz-voucher-row__arrow'>›</Text> : null}
    </View>
  )
}

export default VoucherRow
