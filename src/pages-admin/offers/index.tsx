import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api, type Offer } from '../../api'
import { Loaded, PageState, ROUTES, Tabs, open, quietUnknown, useApi, useReshow, useSending, usePullDownReload } from '../../components'
import { ReasonSheet } from '../../components/ReasonSheet'
import { CardAction, OfferCard } from '../../components/OfferCard'
import '../admin.scss'

type Tab = 'pending' | 'active' | 'retired'

const REJECT_REASONS = ['所需积分不合适，请调整后再提交', '说明不清楚，请写明规格和领取方式', '不适合放在积分超市'] as const

/**
 * 商品审核 (工作小组): the merchants' offers waiting for approval (通过 / 不通过 with a reason), those on sale (下架 after a
 * confirmation, 修改), and those taken off or refused. 新增商品 opens the same form the clerks use.
 */
export default function AdminOffersPage() {
  const [tab, setTab] = useState<Tab>('pending')
  const { state, reload } = useApi(async () => {
    const [pending, active, retired, rejected] = await Promise.all(
      (['pending', 'active', 'retired', 'rejected'] as const).map((status) => api.shop.offers({ status }, quietUnknown).then((d) => d.items)),
    )
    return { pending, active, retired: [...retired, ...rejected] }
  })
  const [rejecting, setRejecting] = useState<Offer | null>(null)
  const { sending, send } = useSending()

  useReshow(() => void reload())
  usePullDownReload(reload)

  const decide = (offer: Offer, decision: 'approve' | 'reject' | 'retire', note?: string) =>
    send(
      () => api.shop.reviewOffer({ offerId: offer.id, decision, ...(note ? { note } : {}) }),
      () => (decision === 'approve' ? '已通过，商品已上架' : decision === 'reject' ? '已退回给商家' : '已下架'),
      () => {
        setRejecting(null)
        return reload()
      },
    )

  const retire = async (offer: Offer) => {
    const { confirm } = await Taro.showModal({
      title: '下架这件商品？',
      content: `「${offer.title}」下架后居民不能再兑换；已经兑换的券照样可以核销。`,
      confirmText: '下架',
      cancelText: '不下架',
      confirmColor: '#b42318',
    })
    if (confirm) void decide(offer, 'retire')
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以审核商品' testId='admin-offers-forbidden' /> }}
    >
      {(lists) => {
        const items = lists[tab]
        const tabs = [
          { key: 'pending', title: `待审核 ${lists.pending.length}` },
          { key: 'active', title: `兑换中 ${lists.active.length}` },
          { key: 'retired', title: '已下架' },
        ] as const
        return (
          <View className='sz-page' data-testid='admin-offers-page'>
            <Tabs tabs={tabs} value={tab} onChange={setTab} testId='admin-offers-tabs' />
            <View className='sz-offer-add'>
              <Button className='sz-button' type='primary' size='large' block data-testid='admin-offer-new' onClick={() => open(ROUTES.offerEdit())}>
                新增商品
              </Button>
            </View>
            {items.length === 0 ? (
              <PageState
                kind='empty'
                title={tab === 'pending' ? '没有等待审核的商品' : tab === 'active' ? '还没有兑换中的商品' : '没有下架或未通过的商品'}
                description={tab === 'pending' ? '商家店员发布的商品会出现在这里。' : undefined}
                testId={`admin-offers-empty-${tab}`}
              />
            ) : (
              items.map((o) => (
                <OfferCard key={o.id} offer={o} showMerchant>
                  {o.status === 'pending' ? (
                    <>
                      <CardAction testId={`offer-reject-${o.id}`} kind='danger' onTap={() => setRejecting(o)}>
                        不通过
                      </CardAction>
                      <CardAction testId={`offer-approve-${o.id}`} kind='primary' onTap={() => void decide(o, 'approve')}>
                        通过
                      </CardAction>
                    </>
                  ) : (
                    <>
                      <CardAction testId={`offer-edit-${o.id}`} onTap={() => open(ROUTES.offerEdit(o.id))}>
                        修改
                      </CardAction>
                      {o.status === 'active' ? (
                        <CardAction testId={`offer-retire-${o.id}`} kind='danger' onTap={() => void retire(o)}>
                          下架
                        </CardAction>
                      ) : null}
                      {/* A refusal can be reconsidered: 通过 puts it on sale after all. */}
                      {o.status === 'rejected' ? (
                        <CardAction testId={`offer-approve-${o.id}`} kind='primary' onTap={() => void decide(o, 'approve')}>
                          通过
                        </CardAction>
                      ) : null}
                    </>
                  )}
                </OfferCard>
              ))
            )}
            <View className='sz-bottom-space' />
            {rejecting ? (
              <ReasonSheet
                title='不通过：请写明原因'
                subtitle={`${rejecting.merchantName} · ${rejecting.title}`}
                confirmText='确定不通过'
                confirmType='danger'
                templates={REJECT_REASONS}
                placeholder='也可以自己写原因，商家会看到'
                sending={sending}
                onCancel={() => setRejecting(null)}
                onConfirm={(reason) => void decide(rejecting, 'reject', reason)}
                testId='reject'
                textTestId='reject-reason'
              />
            ) : null}
          </View>
        )
      }}
    </Loaded>
  )
}
