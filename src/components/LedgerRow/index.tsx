import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { ENTRY_KIND_NAMES } from '@core/ledger'
import { formatPoints } from '@core/points'
import type { LedgerEntry } from '../../api'
import { formatDateTime, signedPoints } from '../format'
import type { BaseProps } from '../types'
import './index.scss'

export interface LedgerRowProps extends BaseProps {
  entry: LedgerEntry
  /** What it was for, in the reader's words (the page decides: a resident reads 撤销 where the office wrote 冲正). */
  title: string
  /** A line above it in the same list. */
  divided?: boolean
  /** Staff read who handled it (经办：周海燕). */
  showOperator?: boolean
  /** data-testid of the signed points. */
  deltaTestId?: string
  /** Opens what it came from (a claim); the row then reacts to a tap. */
  onClick?: () => void
  /** A button under the balance (冲正, for the admin). */
  action?: ReactNode
}

/** One line of a ledger (积分明细): what for, when and of what kind, the signed points and the balance after them. */
export function LedgerRow({ entry: e, title, divided, showOperator, deltaTestId = 'ledger-delta', onClick, action, className = '', testId = `ledger-${e.id}` }: LedgerRowProps) {
  return (
    <View
      className={`sz-ledger__row ${divided ? 'sz-ledger__row--divided' : ''} ${className}`}
      hoverClass={onClick ? 'sz-ledger__row--hover' : 'none'}
      data-testid={testId}
      onClick={onClick}
    >
      <View className='sz-ledger__main'>
        <Text className='sz-ledger__title'>{title}</Text>
        <Text className='sz-ledger__meta'>
          {formatDateTime(e.at)} · {ENTRY_KIND_NAMES[e.kind] ?? e.kind}
          {showOperator && e.operator ? ` · 经办：${e.operator}` : ''}
        </Text>
      </View>
      <View className='sz-ledger__numbers'>
        <Text className={`sz-ledger__delta sz-ledger__delta--${e.delta >= 0 ? 'plus' : 'minus'}`} data-testid={deltaTestId}>
          {signedPoints(e.delta)}
        </Text>
        <Text className='sz-ledger__after'>余额 {formatPoints(e.balanceAfter)}</Text>
        {action}
      </View>
    </View>
  )
}
