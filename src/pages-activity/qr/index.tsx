import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { formatCode } from '@core/shop'
import { ApiError, api } from '../../api'
import { Loaded, PageState, quietUnknown, useApi } from '../../components'
import { QrCode } from '../../components/QrCode'
import './index.scss'

/** A code is good for 60 s: a new one every 20 s, so the one on the wall is never near its end. */
const RENEW_MS = 20_000
/** The count under it, as on 签到管理. */
const COUNT_MS = 5_000

/**
 * 签到二维码, full screen for projecting: the rotating check-in code (`activities.checkinCode`), the title and
 * 已签到 M 人 in very large type. The screen stays awake where the platform allows.
 */
export default function ActivityQrPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const got = useApi(() => api.activities.get({ activityId: id }, quietUnknown), [id])
  const code = useApi(() => api.activities.checkinCode({ activityId: id }, { silent: ['AUTH.UNAUTHENTICATED', 'ACTIVITY.CLOSED'] }), [id])
  const [shown, setShown] = useState(true)
  useDidShow(() => {
    setShown(true)
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  })
  useDidHide(() => {
    setShown(false)
    Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  })
  useEffect(() => {
    if (!shown) return
    const renew = setInterval(() => void code.reload(), RENEW_MS)
    const count = setInterval(() => void got.reload(), COUNT_MS)
    return () => {
      clearInterval(renew)
      clearInterval(count)
    }
  }, [shown])

  const closed = code.state.status === 'error' && code.state.error.code === 'ACTIVITY.CLOSED'
  return (
    <Loaded state={got.state} reload={got.reload}>
      {({ activity, counts }) =>
        !activity.organiser ? (
          <View className='sz-page'>
            <PageState kind='empty' title='只有活动的发起人可以打开签到二维码' testId='activity-qr-forbidden' />
          </View>
        ) : (
          <View className='sz-act-qr' data-testid='activity-qr-page'>
            <Text className='sz-act-qr__title' data-testid='activity-qr-title'>
              {activity.title}
            </Text>
            <Text className='sz-act-qr__hint'>请用手机扫码签到</Text>
            {code.state.status === 'ready' ? (
              <>
                <QrCode text={code.state.data.code} className='sz-act-qr__code' testId='activity-qr' />
                {/* For a phone that cannot scan: the same code to type. */}
                <Text className='sz-act-qr__digits' data-testid='activity-qr-digits'>
                  {formatCode(code.state.data.code)}
                </Text>
              </>
            ) : code.state.status === 'loading' ? (
              <Text className='sz-act-qr__hint'>正在生成签到码…</Text>
            ) : (
              <View className='sz-act-qr__error' data-testid='activity-qr-error'>
                <Text className='sz-act-qr__hint'>{closed ? (code.state.error as ApiError).message : '签到码没有生成，点这里重试'}</Text>
                {closed ? null : (
                  <View className='sz-act-qr__retry' onClick={() => void code.reload()} data-testid='activity-qr-retry'>
                    重试
                  </View>
                )}
              </View>
            )}
            <Text className='sz-act-qr__count' data-testid='activity-qr-count'>
              已签到 {counts.attended} 人
            </Text>
            <Text className='sz-act-qr__hint'>二维码每 20 秒自动更新</Text>
          </View>
        )
      }
    </Loaded>
  )
}
