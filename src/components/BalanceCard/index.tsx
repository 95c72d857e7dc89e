import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import { GLOSSARY, heldNote } from '@core/glossary'
import type { Balance } from '../../api'
import type { BaseProps } from '../types'
import './index.scss'

export interface BalanceCardProps extends BaseProps {
  balance: Balance
  /** A tap opens the ledger (home page); the card then says so with 积分明细 ›. */
  onTap?: () => void
}

/**
 * 可用积分 in very large type, with 公示后可用 (pending) and 家庭积分 beside it and a head's 院长积分 under it:
 * every number on screen, none behind a tap; one line says what 家庭积分 is, which is larger than what can be spent.
 * The words are the glossary's (@core/glossary).
 */
export function BalanceCard({ balance, onTap, className, testId = 'balance-card' }: BalanceCardProps) {
  const side = [
    { key: 'pending', label: GLOSSARY.pending, value: balance.pending },
    { key: 'household', label: GLOSSARY.household, value: balance.household },
  ]
  return (
    <View
      className={`sz-card sz-balance ${onTap ? 'sz-balance--link' : ''} ${className ?? ''}`}
      hoverClass={onTap ? 'sz-balance--hover' : 'none'}
      data-testid={testId}
      onClick={onTap}
    >
      <View className='sz-balance__row'>
        <View className='sz-balance__main'>
          <Text className='sz-balance__label'>{GLOSSARY.available}</Text>
          <Text className='sz-balance__available' data-testid='balance-available'>
            {formatPoints(balance.available)}
          </Text>
        </View>
        <View className='sz-balance__side'>
          {side.map((s, i) => (
            <View key={s.key} className={`sz-balance__item ${i > 0 ? 'sz-balance__item--next' : ''}`}>
              <Text className='sz-balance__item-label'>{s.label}</Text>
              <Text className='sz-balance__item-value' data-testid={`balance-${s.key}`}>
                {formatPoints(s.value)}
              </Text>
            </View>
          ))}
        </View>
      </View>
      {balance.held > 0 ? (
        <Text className='sz-balance__note' data-testid='balance-held-note'>
          {heldNote(balance.held)}
        </Text>
      ) : null}
      <Text className='sz-balance__note' data-testid='balance-household-note'>
        {GLOSSARY.householdNote}
      </Text>
      {balance.courtyardScore !== undefined ? (
        <View className='sz-balance__extra'>
          <Text className='sz-balance__item-label'>院长积分（本院本月）</Text>
          <Text className='sz-balance__item-value' data-testid='balance-courtyard'>
            {formatPoints(balance.courtyardScore)}
          </Text>
        </View>
      ) : null}
      {onTap ? (
        <View className='sz-balance__more'>
          <Text>积分明细</Text>
          <Text className='sz-balance__arrow'>›</Text>
        </View>
      ) : null}
    </View>
  )
}

export default BalanceCard
