import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints } from '@core/points'
import { api, type Voucher } from '../../api'
import { pickupPlace } from '@core/glossary'
import { Fact, Loaded, PageState, elderClass, formatDate, formatDateTime, quietUnknown, useApi, useElder, usePullDownReload } from '../../components'
import { QrCode } from '../../components/QrCode'
import { Sheet } from '../../components/Sheet'
import { VoucherChip } from '../../components/VoucherRow'
import { ReadAloud } from '../../components/ReadAloud'
import { useBrightScreen } from './useBrightScreen'
import { useLiveCode } from './useLiveCode'
import './index.scss'

/** While the QR shows: how often to ask whether the clerk has redeemed it. */
const POLL_MS = 3_000

/**
 * One voucher. Unused: a large QR of a short-lived redemption code for the clerk to scan, the same code in large digits
 * to read aloud, renewed by itself before it expires, with the screen bright; it turns into 已使用 as soon as the clerk
 * redeems it. 退回 gives the points back. A used, returned or expired voucher shows what happened and when.
 */
export default function VoucherPage() {
  const params = useRouter().params
  const voucherId = params.id ?? ''
  const { state, reload } = useApi(() => api.shop.voucher({ voucherId }, quietUnknown), [voucherId])
  usePullDownReload(reload)

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ NOT_FOUND: <PageState kind='empty' title='没有找到这张兑换券' description='它可能不是您的券，或链接有误。' testId='voucher-not-found' /> }}
    >
      {({ voucher, merchantAddress }) => <VoucherView loaded={voucher} address={merchantAddress} justExchanged={params.new === '1'} />}
    </Loaded>
  )
}

/** Whether the page is on screen: not behind another page, not with the phone locked or the browser tab away. */
function usePageVisible(): boolean {
  const [shown, setShown] = useState(true)
  const [tabVisible, setTabVisible] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    const onChange = () => setTabVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', onChange)
    return () => document.removeEventListener('visibilitychange', onChange)
  }, [])
  return shown && tabVisible
}

function VoucherView({ loaded, address, justExchanged }: { loaded: Voucher; address?: string; justExchanged: boolean }) {
  const [voucher, setVoucher] = useState(loaded)
  const current = useRef(voucher)
  current.current = voucher
  useEffect(() => setVoucher(loaded), [loaded]) // a pull-down brought a fresh one
  const visible = usePageVisible()
  const showing = voucher.status === 'issued' && visible
  const [cancelling, setCancelling] = useState(false)
  const [sending, setSending] = useState(false)
  const elder = useElder()

  /** The voucher as the server has it now; a change of status ends the QR (used, returned, expired). */
  const check = useCallback(async () => {
    try {
      const { voucher: now } = await api.shop.voucher({ voucherId: loaded.id }, { silent: true })
      const before = current.current
      // A final status never goes back: an answer that left before a 退回 landed must not bring the QR back.
      if (before.status !== 'issued' && now.status === 'issued') return
      if (before.status === 'issued' && now.status === 'redeemed') void Taro.showToast({ title: '店员已核销，兑换成功', icon: 'none', duration: 3000 })
      setVoucher(now)
    } catch {
      // the next poll tries again
    }
  }, [loaded.id])

  useEffect(() => {
    if (!showing) return
    const timer = setInterval(() => void check(), POLL_MS)
    return () => clearInterval(timer)
  }, [showing, check])
  useBrightScreen(showing)

  const cancel = async () => {
    setSending(true)
    try {
      const { voucher: back } = await api.shop.cancel({ voucherId: voucher.id })
      current.current = back
      setVoucher(back)
      setCancelling(false)
      void Taro.showToast({ title: `已退回，${formatPoints(back.points)} 积分已退还`, icon: 'none', duration: 3000 })
    } catch {
      // the toast said why; the voucher may have changed meanwhile (used at the shop)
      setCancelling(false)
      void check()
    } finally {
      setSending(false)
    }
  }

  return (
    <View className={`sz-page sz-voucher ${elderClass(elder)}`} data-testid='voucher-detail' data-status={voucher.status}>
      {justExchanged && voucher.status === 'issued' ? (
        <View className='sz-alert sz-alert--success' data-testid='voucher-exchanged'>
          <Text className='sz-alert__title'>兑换成功</Text>
          <Text className='sz-alert__line'>
            已用 {formatPoints(voucher.points)} 积分。到 {pickupPlace(voucher.merchantName, address)}，把下面的二维码给店员扫。
          </Text>
        </View>
      ) : null}

      <View className='sz-card sz-voucher__card'>
        <Text className='sz-voucher__merchant' data-testid='voucher-merchant'>
          {voucher.merchantName}
        </Text>
        <Text className='sz-voucher__title' data-testid='voucher-title'>
          {voucher.offerTitle}
        </Text>
        {voucher.status === 'issued' ? (
          <>
            <View className='sz-voucher__status'>
              <VoucherChip status={voucher.status} large testId='voucher-status' />
            </View>
            <LiveQr voucherId={voucher.id} active={showing} onRefused={() => void check()} />
          </>
        ) : (
          <Outcome voucher={voucher} />
        )}
      </View>
      {elder ? (
        <View className='sz-actions sz-voucher__read'>
          <ReadAloud text={instructions(voucher, address)} testId='voucher-read-aloud' />
        </View>
      ) : null}

      <View className='sz-card'>
        <Fact label='积分' value={`${formatPoints(voucher.points)} 积分${voucher.refunded ? '（已退还）' : ''}`} />
        <Fact label='兑换时间' value={formatDateTime(voucher.issuedAt)} />
        {voucher.status === 'issued' ? <Fact label='有效期' value={`${formatDate(voucher.validUntil)}前有效`} testId='voucher-valid-until' /> : null}
        <Fact label='在哪里用' value={pickupPlace(voucher.merchantName, address)} testId='voucher-place' />
        <Fact label='兑换人' value={voucher.residentName} />
      </View>

      {voucher.status === 'issued' ? (
        <View className='sz-actions'>
          <Button className='sz-button sz-voucher__cancel' size='large' block data-testid='voucher-cancel' onClick={() => setCancelling(true)}>
            不要了，退回这张券
          </Button>
        </View>
      ) : null}
      <View className='sz-bottom-space' />

      {cancelling ? (
        <Sheet
          title='退回这张兑换券？'
          confirmText='确认退回'
          cancelText='不退回'
          confirmType='danger'
          sending={sending}
          onCancel={() => !sending && setCancelling(false)}
          onConfirm={() => void cancel()}
          testId='voucher-cancel-sheet'
          cancelTestId='voucher-cancel-keep'
          confirmTestId='voucher-cancel-confirm'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>
              退回后积分会退还给您（{formatPoints(voucher.points)} 积分），这张“{voucher.offerTitle}”就不能再用了。
            </Text>
          </View>
        </Sheet>
      ) : null}
    </View>
  )
}

/** The QR for the clerk, the same code in digits to read aloud, and when it renews itself. */
function LiveQr({ voucherId, active, onRefused }: { voucherId: string; active: boolean; onRefused: () => void }) {
  const live = useLiveCode(voucherId, active, onRefused)
  const [now, setNow] = useState(Date.now())
  const ticking = useRef<ReturnType<typeof setInterval>>()
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    ticking.current = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(ticking.current)
  }, [active])

  const good = live.code && live.expiresAt !== null && live.expiresAt > now
  const seconds = live.refreshAt !== null ? Math.max(0, Math.ceil((live.refreshAt - now) / 1000)) : null

  return (
    <View className='sz-voucher__qr-block'>
      <Text className='sz-voucher__instruction'>请把二维码给店员扫</Text>
      {good ? (
        <>
          <QrCode text={live.code!.code} className='sz-voucher__qr' testId='voucher-qr' />
          <Text className='sz-voucher__code-label'>扫不出来时，请店员输入这串数字</Text>
          {/* Its width lets two groups of four fit on a line, not three: two lines read aloud in two breaths. */}
          <Text className='sz-voucher__code' data-testid='voucher-code'>
            {live.code!.display}
          </Text>
        </>
      ) : (
        <View className='sz-voucher__qr-wait' data-testid='voucher-qr-wait'>
          <Text className='sz-voucher__qr-wait-text'>{live.error ? `二维码没有加载成功：${live.error.message}` : '正在生成二维码…'}</Text>
          {live.error ? <Text className='sz-voucher__qr-wait-hint'>正在自动重试，也可以检查一下网络。</Text> : null}
        </View>
      )}
      <View className='sz-voucher__refresh' data-testid='voucher-refresh-hint'>
        <Text className='sz-voucher__refresh-line'>二维码每分钟自动更新，截图无效</Text>
        {good && seconds !== null ? (
          <Text className='sz-voucher__refresh-line' data-testid='voucher-countdown'>
            {seconds} 秒后换新
          </Text>
        ) : null}
      </View>
    </View>
  )
}

/** 读给我听 on a voucher (长辈模式): what it is for, where to take it and what to do there, or what became of it. */
function instructions(v: Voucher, address: string | null | undefined): string {
  const what = `这张兑换券是${v.offerTitle}，用了 ${formatPoints(v.points)} 积分。`
  if (v.status === 'issued') {
    return `${what}请到${pickupPlace(v.merchantName, address)}，把二维码给店员扫。扫不出来时，请店员输入二维码下面的数字。${formatDate(v.validUntil)}前有效。`
  }
  const { title, line } = outcome(v)
  return `${what}${title}：${line}。`
}

/** What became of a voucher that is no longer waiting: used (when), returned (points back), or expired. */
function outcome(v: Voucher): { mark: string; title: string; line: string } {
  if (v.status === 'redeemed') return { mark: '✓', title: '已使用', line: `${v.redeemedAt ? formatDateTime(v.redeemedAt) : ''} 在 ${v.merchantName} 用过了`.trim() }
  if (v.status === 'cancelled') return { mark: '↩', title: '已退回', line: `${v.cancelledAt ? `${formatDateTime(v.cancelledAt)} 退回，` : ''}${formatPoints(v.points)} 积分已退还给您` }
  return { mark: '!', title: '已过期', line: `${v.expiredAt ? `${formatDate(v.expiredAt)} 过期，` : ''}${v.refunded ? `${formatPoints(v.points)} 积分已退还给您` : '积分不退还'}` }
}

function Outcome({ voucher: v }: { voucher: Voucher }) {
  const { mark, title, line } = outcome(v)
  return (
    <View className={`sz-voucher__outcome sz-voucher__outcome--${v.status}`} data-testid='voucher-outcome'>
      <View className='sz-voucher__outcome-mark'>{mark}</View>
      <Text className='sz-voucher__outcome-title' data-testid='voucher-status' data-status={v.status}>
        {title}
      </Text>
      <Text className='sz-voucher__outcome-line' data-testid='voucher-outcome-line'>
        {line.trim()}
      </Text>
    </View>
  )
}
