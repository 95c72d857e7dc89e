import { View, Text } from '@tarojs/components'
import type { Me } from '@core/user'
import type { BaseProps } from '../types'
import { roleLabels } from './roles'
import './index.scss'

export interface MeCardProps extends BaseProps {
  me: Me
}

/** Who I am: the name in large type, my roles, and where I stand (社区 / 院落 / 家庭). */
export function MeCard({ me, className, testId = 'me-card' }: MeCardProps) {
  const labels = roleLabels(me)
  const places = [
    { key: 'community', label: '社区', value: me.communityName },
    { key: 'courtyard', label: '院落', value: me.courtyardName },
    { key: 'household', label: '家庭', value: me.householdName },
  ].filter((p) => p.value)

  return (
    <View className={`sz-card sz-me-card ${className ?? ''}`} data-testid={testId}>
      <Text className='sz-me-card__name' data-testid='me-name'>
        {me.name}
      </Text>
      {labels.length > 0 ? (
        <View className='sz-me-card__roles' data-testid='me-roles'>
          {labels.map((l) => (
            <Text key={l.key} className='sz-me-card__role'>
              {l.text}
            </Text>
          ))}
        </View>
      ) : null}
      {places.length > 0 ? (
        <View className='sz-me-card__places'>
          {places.map((p) => (
            <View key={p.key} className='sz-me-card__place'>
              <Text className='sz-me-card__place-label'>{p.label}</Text>
              <Text className='sz-me-card__place-value' data-testid={`me-${p.key}`}>
                {p.value}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

export default MeCard
