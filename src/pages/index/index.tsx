import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@core/user'
import { api } from '../../api'
import { BalanceCard, ClaimRow, Loaded, MeCard, ROUTES, elderClass, open, openTab, quietUnknown, rememberElder, useApi, useElder, useReshow, usePullDownReload } from '../../components'
import { AdminEntry, ReviewerHome, isAdmin, isReviewer } from './ReviewerHome'
import { HomePart, Placeholder } from './HomePart'
import { MerchantHome } from './MerchantHome'
import { PendingVouchers } from './PendingVouchers'
import { UpcomingActivities } from './UpcomingActivities'
import { VoicesEntry } from './VoicesEntry'
import { CommunityNotice } from './CommunityNotice'
import { SuspensionNotice } from './SuspensionNotice'
import { ElderBalance, ElderButtons } from './ElderHome'
import { rememberViewer } from '../../components/TabBar/viewer'
import './index.scss'

const silent = quietUnknown

/**
 * 首页: who I am, my points (large), the one big 我要申报 button, and my latest claims. In 长辈模式 a resident's points are
 * one sentence with 读给我听, over three very large buttons: 我要申报, 我的积分, 去兑换.
 */
export default function Home() {
  const elder = useElder()
  // An unknown caller is a state of this page, not an error to toast.
  const { state, reload } = useApi(() => api.user.me({}, silent))
  // The tab bar follows who I am (a shop clerk sees 核销, not 申报 and 兑换).
  useEffect(() => {
    if (state.status === 'ready') {
      rememberViewer(state.data)
      rememberElder(state.data.elderMode)
    } else if (state.status === 'error' && state.error.code === 'AUTH.UNAUTHENTICATED') rememberViewer(null)
  }, [state])

  usePullDownReload(reload)

  return (
    <Loaded state={state} reload={reload}>
      {(me) => (
        <View className={`sz-page sz-home ${elderClass(elder)}`}>
          {/* 长辈模式: the greeting names them, and what they came for (the points, the three buttons) comes before who they are. */}
          <Text className='sz-home__greeting'>{elder && me.residentId ? `您好，${me.name}` : '您好'}</Text>
          {elder && me.residentId ? null : <MeCard me={me} />}
          {me.suspendedUntil ? <SuspensionNotice until={me.suspendedUntil} reason={me.suspensionReason} listingId={me.suspendedBy} testId='me-suspended' /> : null}
          {isAdmin(me) ? <AdminEntry /> : null}
          {isReviewer(me) ? <ReviewerHome me={me} /> : null}
          {me.merchantId ? <MerchantHome me={me} /> : null}
          {/* Only a resident claims (the form refuses anyone else): staff and shopkeepers who do not live here get no 我要申报. */}
          {me.residentId ? <ResidentHome me={me} elder={elder} /> : null}
          {elder && me.residentId ? <MeCard me={me} /> : null}
          <CommunityNotice me={me} />
        </View>
      )}
    </Loaded>
  )
}

function ClaimButton() {
  return (
    <View className='sz-actions sz-home__actions'>
      <Button className='sz-button sz-home__claim' type='primary' size='xlarge' block data-testid='claim-button' onClick={() => openTab(ROUTES.claimTab)}>
        我要申报
      </Button>
    </View>
  )
}

/** A resident's part of the home page: balance and latest claims, each loading (and failing) on its own. */
function ResidentHome({ me, elder }: { me: Me; elder: boolean }) {
  const balance = useApi(() => api.points.balance({}, silent), [me.residentId])
  const claims = useApi(() => api.claims.mine({}, silent), [me.residentId])

  // Back from a claim, the points page or an exchange: fresh numbers. (This part mounts after the page's first show.)
  useReshow(() => void Promise.all([balance.reload(), claims.reload()]))
  usePullDownRefresh(() => {
    void Promise.all([balance.reload(), claims.reload()])
  })

  return (
    <>
      <HomePart source={balance} loading='正在加载积分…' failed='积分没有加载成功，点这里重试' failedTestId='home-balance-error'>
        {(b) => (elder ? <ElderBalance balance={b} /> : <BalanceCard balance={b} onTap={() => open(ROUTES.points)} />)}
      </HomePart>
      {elder ? <ElderButtons /> : <ClaimButton />}
      <View className='sz-home__links'>
        <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-lessons' onClick={() => open(ROUTES.lessons)}>
          学习答题得积分
        </View>
      </View>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>我的申报</Text>
        <View className='sz-list-head__link' data-testid='home-my-claims' onClick={() => open(ROUTES.myClaims)}>
          全部
          <Text className='sz-arrow'>›</Text>
        </View>
      </View>
      <HomePart source={claims} loading='正在加载…' failed='申报没有加载成功，点这里重试'>
        {({ items }) =>
          items.length === 0 ? (
            <Placeholder testId='home-claims-empty'>还没有申报。做了好事，点上面的“我要申报”。</Placeholder>
          ) : (
            <View className='sz-list' data-testid='home-claims'>
              {items.slice(0, 3).map((c, i) => (
                <ClaimRow key={c.id} claim={c} divided={i > 0} onTap={() => open(ROUTES.claimDetail(c.id))} />
              ))}
            </View>
          )
        }
      </HomePart>
      {/* 说事: 居民说事, 微心愿, 随手拍, one row each. */}
      <VoicesEntry />
      {me.residentId ? <UpcomingActivities residentId={me.residentId} /> : null}
      {me.residentId ? <PendingVouchers residentId={me.residentId} /> : null}
    </>
  )
}
