import { GLOSSARY } from '@core/glossary'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OBJECTION_STATUS_NAMES, type ObjectionStatus } from '@core/governance'
import { api, type Objection } from '../../api'
import { Loaded, PageState, ROUTES, formatDate, formatDateTime, monthLabel, open, quietUnknown, signedPoints, useApi, useReshow, usePullDownReload } from '../../components'
import { Chip, type ChipTone } from '../../components/Chip'
import '../governance.scss'
import './index.scss'

const TONES: Record<ObjectionStatus, ChipTone> = { open: 'orange', upheld: 'green', dismissed: 'grey', set_aside: 'grey' }

/** What each outcome means for the person who objected, in plain words. */
const OUTCOMES: Record<ObjectionStatus, string> = {
  open: '社区工作小组正在调查核实，有结果会告诉您。',
  upheld: `您的异议成立：这一条的积分已经收回（${GLOSSARY.reversed}）。`,
  dismissed: '经过核实，这一条没有问题，积分保留。',
  set_aside: '附的照片没有通过平台的安全检查，这条异议没有受理。可以换一张照片重新提出。',
}

/** 我的异议: every objection I filed, newest first, with where it stands (调查中 / 异议成立 / 异议不成立) and the office's note. */
export default function MyObjectionsPage() {
  const { state, reload } = useApi(() => api.governance.objections({ mine: true }, quietUnknown))
  useReshow(() => void reload())
  usePullDownReload(reload)

  return (
    <Loaded state={state} reload={reload}>
      {({ items }) => (
        <View className='sz-page sz-my-objections' data-testid='my-objections'>
          {items.length === 0 ? (
            <PageState kind='empty' title='您还没有提出过异议' description='在积分公示栏里，对哪一条有疑问，可以点它下面的“提出异议”。' testId='my-objections-empty'>
              <Button className='sz-button' type='primary' size='large' block onClick={() => open(ROUTES.publicity())}>
                去看积分公示
              </Button>
            </PageState>
          ) : (
            <>
              <Text className='sz-gov__intro'>您提出的异议，最新的在最上面。</Text>
              {items.map((o) => (
                <ObjectionCard key={o.id} objection={o} />
              ))}
            </>
          )}
          <View className='sz-bottom-space' />
        </View>
      )}
    </Loaded>
  )
}

function ObjectionCard({ objection: o }: { objection: Objection }) {
  return (
    <View className='sz-card sz-my-objection' data-testid='objection-row' data-objection-id={o.id} data-status={o.status}>
      <View className='sz-my-objection__head'>
        <Text className='sz-my-objection__month'>{o.listingId ? `${monthLabel(o.month)}红黑榜` : `${monthLabel(o.month)}公示`}</Text>
        <Chip tone={TONES[o.status]} large status={o.status} testId='objection-status'>
          {OBJECTION_STATUS_NAMES[o.status]}
        </Chip>
      </View>
      <View className='sz-my-objection__entry'>
        <View className='sz-my-objection__entry-main'>
          <Text className='sz-my-objection__who'>{o.entry.name}</Text>
          <Text className='sz-my-objection__item'>{o.entry.item}</Text>
          <Text className='sz-my-objection__meta'>{o.entry.courtyard}</Text>
        </View>
        <Text className={`sz-my-objection__points ${o.status === 'upheld' ? 'sz-my-objection__points--void' : ''}`}>{signedPoints(o.entry.points)}</Text>
      </View>
      <View className='sz-my-objection__block'>
        <Text className='sz-my-objection__label'>我的理由（{formatDate(o.createdAt)}）</Text>
        <Text className='sz-my-objection__text'>{o.reason}</Text>
        {o.photos.length > 0 ? <Text className='sz-my-objection__meta'>附了 {o.photos.length} 张照片</Text> : null}
      </View>
      <View className={`sz-my-objection__block sz-my-objection__outcome sz-my-objection__outcome--${o.status}`} data-testid='objection-outcome'>
        <Text className='sz-my-objection__text'>{o.status === 'upheld' && o.listingId ? '您的异议成立：这条红黑榜记录已撤销，扣的分已退回，暂停已结束。' : OUTCOMES[o.status]}</Text>
        {o.note ? (
          <Text className='sz-my-objection__note' data-testid='objection-note'>
            处理意见：{o.note}
          </Text>
        ) : null}
        {o.resolvedAt ? <Text className='sz-my-objection__meta'>{formatDateTime(o.resolvedAt)} 处理</Text> : null}
      </View>
      <View className='sz-my-objection__more' hoverClass='sz-my-objection__more--hover' onClick={() => open(o.listingId ? ROUTES.lists : ROUTES.publicity(o.month))}>
        {o.listingId ? '看红黑榜' : `看${monthLabel(o.month)}的公示`}
        <Text className='sz-arrow'>›</Text>
      </View>
    </View>
  )
}
