import { View, Text } from '@tarojs/components'
import { VOICE_KINDS, VOICE_KIND_NAMES } from '@core/voices'
import { api } from '../../api'
import { ROUTES, TodoList, open, type TodoEntry } from '../../components'

const HINTS = {
  suggestion: '提想法、提建议，大家附议，社区回复',
  wish: '有困难？许个心愿，邻居来帮',
  hazard: '看到安全隐患，拍下来告诉网格员',
} as const

/** One door per kind, each opening its tab of 说事. */
const KIND_ROWS: TodoEntry[] = VOICE_KINDS.map((kind) => ({ key: kind, title: VOICE_KIND_NAMES[kind], hint: HINTS[kind], url: ROUTES.voices(kind) }))

/** 首页's 说事: one big row per kind (居民说事, 微心愿, 随手拍), and 我的说事 ›. */
export function VoicesEntry() {
  return (
    <>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>说事</Text>
        <View className='sz-list-head__link' data-testid='home-voices-mine' onClick={() => open(ROUTES.voices('suggestion', 'mine'))}>
          我的说事
          <Text className='sz-arrow'>›</Text>
        </View>
      </View>
      <TodoList entries={KIND_ROWS} rowTestId='home-voices' testId='home-voices' />
    </>
  )
}

/** 随手拍 of a grid worker: the hazards of their grid waiting to be accepted, as a badge on 首页. */
export const HAZARDS_TODO: TodoEntry = {
  key: 'hazards',
  title: '随手拍隐患',
  hint: '居民拍的隐患：受理，处理完拍照',
  url: ROUTES.voices('hazard', 'queue'),
  waiting: async () => {
    const { items, cursor } = await api.voices.list({ kind: 'hazard', queue: true, status: 'reported' }, { silent: true })
    const count = items.length
    return { count, text: count > 0 ? `${count}${cursor ? '+' : ''} 条待受理` : '没有待受理' }
  },
}
