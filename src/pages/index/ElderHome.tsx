import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints } from '@core/points'
import type { Balance } from '../../api'
import { ROUTES, open, openTab } from '../../components'
import { ReadAloud } from '../../components/ReadAloud'
import './elder.scss'

/** What 长辈模式 says of the balance: the points one can spend now, in a sentence, and what comes after the publicity. */
export function balanceSentence(b: Balance): string {
  const now = `您现在有 ${formatPoints(b.available)} 分可以用`
  return b.pending > 0 ? `${now}，还有 ${formatPoints(b.pending)} 分公示后可以用。` : `${now}。`
}

/** 长辈模式's balance: the sentence in large type, the number in it larger still, and 读给我听. */
export function ElderBalance({ balance }: { balance: Balance }) {
  const sentence = balanceSentence(balance)
  return (
    <View className='sz-card sz-elder-home__balance' data-testid='elder-balance'>
      <Text className='sz-elder-home__sentence' data-testid='elder-balance-sentence'>
        您现在有 <Text className='sz-elder-home__number'>{formatPoints(balance.available)}</Text> 分可以用
      </Text>
      {balance.pending > 0 ? (
        <Text className='sz-elder-home__pending' data-testid='elder-balance-pending'>
          还有 {formatPoints(balance.pending)} 分公示后可以用
        </Text>
      ) : null}
      <ReadAloud text={sentence} testId='elder-read-balance' />
    </View>
  )
}

const BUTTONS = [
  { key: 'claim', label: '我要申报', go: () => openTab(ROUTES.claimTab) },
  { key: 'points', label: '我的积分', go: () => open(ROUTES.points) },
  { key: 'shop', label: '去兑换', go: () => openTab(ROUTES.shopTab) },
]

/** 长辈模式's three very large buttons, one under another. */
export function ElderButtons() {
  return (
    <View className='sz-actions sz-elder-home__buttons' data-testid='elder-buttons'>
      {BUTTONS.map((b, i) => (
        <Button
          key={b.key}
          className='sz-button sz-button--huge sz-elder-home__button'
          type='primary'
          size='xlarge'
          block
          fill={i === 0 ? undefined : 'outline'}
          data-testid={`elder-${b.key}`}
          onClick={b.go}
        >
          {b.label}
        </Button>
      ))}
    </View>
  )
}
