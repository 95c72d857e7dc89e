import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ApiError, api } from '../api'
import { CardReader } from '../components/Scanner/CardReader'

export interface ByCardProps<T extends { id: string }> {
  /** The residents in one's charge (treeWalk's residentsOf). */
  residents: T[]
  onPick: (resident: T) => void
  scanLabel: string
  /** `<testId>` on the reader, `<testId>-problem` on what went wrong. */
  testId: string
}

/**
 * 扫积分卡 on a staff page (查询居民积分, 代申报): the card's holder is picked when they are one of the residents in
 * one's charge (cards.lookup names them by id only then); otherwise, or for a card that is no longer valid, a line says why.
 */
export function ByCard<T extends { id: string }>({ residents, onPick, scanLabel, testId }: ByCardProps<T>) {
  const [problem, setProblem] = useState<string | null>(null)
  const [reading, setReading] = useState(false)
  const read = async (token: string) => {
    setReading(true)
    setProblem(null)
    try {
      const found = await api.cards.lookup({ token }, { silent: true })
      const holder = found.resident.id ? residents.find((r) => r.id === found.resident.id) : undefined
      if (holder) onPick(holder)
      else setProblem(`这是${found.resident.courtyard}${found.resident.name}的卡，不在您负责的范围里。`)
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : '没有读出这张卡，请再试一次。')
    } finally {
      setReading(false)
    }
  }
  return (
    <>
      {problem ? (
        <View className='sz-alert sz-alert--warning' data-testid={`${testId}-problem`}>
          <Text className='sz-alert__line'>{problem}</Text>
        </View>
      ) : null}
      <CardReader onToken={(t) => void read(t)} busy={reading} scanLabel={scanLabel} testId={testId} />
    </>
  )
}
