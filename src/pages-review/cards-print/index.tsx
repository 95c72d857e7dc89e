import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatCardNumber } from '@core/cards'
import type { Me } from '@core/user'
import { api, type Output } from '../../api'
import { Loaded, PageState, quietUnknown, useApi } from '../../components'
import { QrCode } from '../../components/QrCode'
import { courtyardsOf } from '../treeWalk'
import { canPrint, printPage } from './printer'
import './index.scss'

type Card = Output<'cards', 'sheet'>['items'][number]
interface Yard {
  id: string
  name: string
}

/**
 * 打印积分卡 (工作小组: any courtyard; 院长: their own): the courtyard's cards on an A4 sheet, ready to cut — each the size
 * of a bank card with the holder's name, courtyard, card number, the QR of its token, and a blank line for the PIN,
 * which is told in person and never printed. `?courtyardId=` opens a courtyard, `?residentId=` one resident's card
 * (after 发卡 on 查询居民积分). h5 prints (打印 → the browser's window, or 另存为 PDF); the mini-program shows the cards.
 */
export default function CardsPrintPage() {
  const params = useRouter().params
  const { state, reload } = useApi(async () => {
    const me = await api.user.me({}, quietUnknown)
    const admin = me.roles.some((r) => r.role === 'admin')
    const yards: Yard[] = admin
      ? courtyardsOf((await api.org.tree({}, { silent: true })).root).map((y) => ({ id: y.id, name: y.name }))
      : me.roles.filter((r) => r.role === 'head').map((r) => ({ id: r.nodeId, name: r.nodeName ?? '本院' }))
    return { me, admin, yards }
  })
  return (
    <Loaded state={state} reload={reload}>
      {({ me, admin, yards }) =>
        admin || yards.length > 0 ? (
          <Chooser me={me} yards={yards} courtyardId={params.courtyardId} residentId={params.residentId} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组和院长可以打印积分卡' description='您没有这项职责。' testId='cards-print-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function Chooser({ me, yards, courtyardId, residentId }: { me: Me; yards: Yard[]; courtyardId?: string; residentId?: string }) {
  const [chosen, setChosen] = useState<string | null>(() => courtyardId ?? (yards.length === 1 ? yards[0].id : null))
  const community = me.communityName ?? '本社区'
  return (
    <View className='sz-page sz-cards-print' data-testid='cards-print-page'>
      {residentId ? null : (
        <>
          <Text className='sz-cards-print__intro'>{yards.length > 1 ? '选一个院落，打印这个院落所有在用的积分卡。' : '这个院落所有在用的积分卡。'}</Text>
          {yards.length > 1 ? (
            <View className='sz-cards-print__choose' data-testid='cards-print-courtyards'>
              {yards.map((y) => (
                <View
                  key={y.id}
                  className={`sz-cards-print__choice ${chosen === y.id ? 'sz-cards-print__choice--on' : ''}`}
                  data-testid={`cards-print-courtyard-${y.id}`}
                  onClick={() => setChosen(y.id)}
                >
                  {y.name}
                </View>
              ))}
            </View>
          ) : null}
        </>
      )}
      {residentId || chosen ? (
        <Sheet key={residentId ?? chosen} community={community} of={residentId ? { residentIds: [residentId] } : { courtyardId: chosen! }} />
      ) : (
        <PageState kind='empty' title='请先选院落' testId='cards-print-choose' />
      )}
      <View className='sz-bottom-space' />
    </View>
  )
}

function Sheet({ community, of }: { community: string; of: { courtyardId: string } | { residentIds: string[] } }) {
  const { state, reload } = useApi(() => api.cards.sheet(of, { silent: true }))
  if (state.status === 'loading') return <PageState kind='loading' testId='cards-print-loading' />
  if (state.status === 'error') return <PageState kind='error' description={state.error.message} onRetry={() => void reload()} testId='cards-print-error' />
  const cards = state.data.items
  if (cards.length === 0)
    return (
      <PageState
        kind='empty'
        title={'residentIds' in of ? '这位居民没有在用的积分卡' : '这个院落还没有人办卡'}
        description='在“查询居民积分”里点一位居民，就能给他发卡。'
        testId='cards-print-empty'
      />
    )
  return (
    <>
      {canPrint ? (
        <View className='sz-cards-print__tools'>
          <Button className='sz-button' type='primary' size='large' block data-testid='cards-print-button' onClick={printPage}>
            打印 {cards.length} 张卡
          </Button>
          <Text className='sz-cards-print__tools-hint'>用 A4 纸竖着打印，不要缩放，每页 10 张，沿虚线剪开。密码不印在卡上，请当面告诉居民。</Text>
        </View>
      ) : (
        <Text className='sz-cards-print__tools sz-cards-print__tools-hint'>小程序里不能直接打印：请在电脑上打开“打印积分卡”打印。</Text>
      )}
      <View className='sz-cards-print__sheet' data-testid='cards-print-sheet'>
        {cards.map((c) => (
          <CardFace key={c.number} community={community} card={c} />
        ))}
      </View>
    </>
  )
}

/** One card as printed: who, where, the number, the QR of the token, and the blank for the PIN. */
function CardFace({ community, card }: { community: string; card: Card }) {
  return (
    <View className='sz-cards-print__card' data-testid='cards-print-card' data-number={card.number}>
      <View className='sz-cards-print__text'>
        <Text className='sz-cards-print__brand'>{community} · 善治积分卡</Text>
        <Text className='sz-cards-print__name'>{card.name}</Text>
        <Text className='sz-cards-print__yard'>{card.courtyard}</Text>
        <Text className='sz-cards-print__number'>卡号 {formatCardNumber(card.number)}</Text>
        <Text className='sz-cards-print__pin'>密码：________（当面告知，不印在卡上）</Text>
      </View>
      <View className='sz-cards-print__code'>
        <QrCode text={card.token} className='sz-cards-print__qr' testId='cards-print-qr' />
        <Text className='sz-cards-print__qr-hint'>兑换时出示</Text>
      </View>
    </View>
  )
}
