import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { isCodeShape, normalizeCode } from '@core/shop'
import { looksLikeCardToken } from '@core/cards'
import { formatPoints } from '@core/points'
import { ageCheckedAtExchange } from '@core/glossary'
import { ApiError, api, type Voucher } from '../../api'
import { Loaded, PageState, ROUTES, formatDateTime, open, quietUnknown, useApi } from '../../components'
import { PrivacySheet } from '../../components/PrivacySheet'
import { askPrivacy, hasPrivacyConsent, privacyDeclined } from '../../privacy'
import { AlbumButton, Camera } from '../../components/Scanner/Camera'
import { CodeField } from '../../components/Scanner/CodeField'
import { holdCard } from '../../components/Scanner/held'
import { NO_NFC, NfcProblem, canUseNfc, readCardByNfc } from '../../components/Scanner/nfc'
import './index.scss'

const h5 = process.env.TARO_ENV === 'h5'

/** What the page shows above the ways to read a code. */
type Outcome =
  | { kind: 'scanning' }
  | { kind: 'sending' }
  | { kind: 'redeemed'; voucher: Voucher; checked: string | null }
  | { kind: 'refused'; title: string; message: string; code: string }

/** Short titles for the refusals; the line under each is the server's own Chinese message. */
const REFUSAL_TITLES: Record<string, string> = {
  'VOUCHER.ALREADY_REDEEMED': '已核销过',
  'VOUCHER.CODE_EXPIRED': '二维码已过期',
  'VOUCHER.CODE_INVALID': '券码不对',
  'VOUCHER.WRONG_MERCHANT': '不是本店的券',
  'VOUCHER.NOT_REDEEMABLE': '不能核销',
  'INPUT.INVALID': '券码不对',
}

/**
 * 扫码核销 (商家店员): read the resident's QR (weapp: WeChat's scanner; h5: the camera, or a picture from the album),
 * or type the 16 digits under it; then a big green 核销成功 with whom to hand what, or a big red refusal in words.
 * A resident's points card (its QR, or in the weapp its NFC tag: 碰一碰读卡) goes on to 刷卡兑换 (pages-merchant/card).
 */
export default function ScanPage() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) =>
        me.merchantId ? (
          <Scanner />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有商家店员可以核销' description='请社区工作小组在“商居联盟”里给您发店员邀请码。' testId='scan-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function Scanner() {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'scanning' })
  const [visible, setVisible] = useState(true)
  // h5 opens the camera as the page opens: the privacy sheet comes first (weapp: WeChat asks when its scanner needs it).
  const [consent, setConsent] = useState(hasPrivacyConsent)
  const busy = useRef(false)
  const ask = () => void askPrivacy().then(setConsent)
  useEffect(() => {
    if (!consent && !privacyDeclined()) ask()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // The camera is on only while this page is on screen and waiting for a code.
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  useUnload(() => setVisible(false))

  /** Redeems a code (scanned or typed); answers whether it went through. */
  const redeem = async (code: string): Promise<boolean> => {
    if (busy.current) return false
    busy.current = true
    setOutcome({ kind: 'sending' })
    try {
      // Every refusal is shown on this page in large type: no toast on top of it.
      const { voucher, eligibility } = await api.shop.redeem({ code }, { silent: true })
      setOutcome({ kind: 'redeemed', voucher, checked: ageCheckedAtExchange(eligibility) })
      if (!h5) void Taro.vibrateShort({ type: 'heavy' }).catch(() => undefined)
      return true
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      setOutcome({ kind: 'refused', title: REFUSAL_TITLES[error.code] ?? '没有核销成功', message: error.message, code: error.code })
      return false
    } finally {
      busy.current = false
    }
  }

  /** Whatever a scanner read: a voucher's code, a points card (刷卡兑换 takes it from here), or something else (a payment QR, a link). */
  const read = (text: string) => {
    if (looksLikeCardToken(text)) {
      holdCard(text.trim())
      open(ROUTES.cardExchange)
      return
    }
    const code = normalizeCode(text)
    if (!isCodeShape(code)) {
      setOutcome({
        kind: 'refused',
        title: '这不是兑换券的二维码',
        message: '请扫居民在“我的券”里打开的二维码或居民的积分卡，或输入二维码下面的 16 位数字。',
        code: 'NOT_A_VOUCHER',
      })
      return
    }
    void redeem(code)
  }

  // weapp: WeChat's own scanner, from the camera only (a photo of a code could be an old screenshot).
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      read(result ?? '')
    } catch {
      // cancelled: the page stays, with the button and the field
    }
  }
  // weapp: 碰一碰读卡, a points card's NFC tag (Android); elsewhere said in words.
  const tap = async () => {
    if (!canUseNfc()) return setOutcome({ kind: 'refused', title: '不能碰一碰读卡', message: NO_NFC, code: 'NO_NFC' })
    try {
      read(await readCardByNfc())
    } catch (e) {
      if (e instanceof NfcProblem && e.message !== '已取消读卡') setOutcome({ kind: 'refused', title: '没有读到卡', message: e.message, code: 'NO_NFC' })
    }
  }
  useEffect(() => {
    if (!h5) void scan()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const again = () => {
    setOutcome({ kind: 'scanning' })
    if (!h5) void scan()
  }

  const sending = outcome.kind === 'sending'
  return (
    <View className='sz-page sz-scan' data-testid='scan-page'>
      {outcome.kind === 'redeemed' ? <Redeemed voucher={outcome.voucher} checked={outcome.checked} onAgain={again} /> : null}
      {outcome.kind === 'refused' ? <Refused title={outcome.title} message={outcome.message} code={outcome.code} onAgain={again} /> : null}
      {sending ? (
        <View className='sz-scan__panel sz-scan__panel--sending' data-testid='redeem-sending'>
          <Text className='sz-scan__panel-title'>正在核销…</Text>
        </View>
      ) : null}

      {outcome.kind === 'scanning' ? (
        h5 ? (
          consent ? (
            <Camera active={visible} onText={read} hint='把居民手机上的二维码放进框里' other='“从相册选图”或“输入券码”' />
          ) : (
            <View className='sz-alert sz-alert--warning' data-testid='scan-no-consent'>
              <Text className='sz-alert__title'>摄像头没有打开</Text>
              <Text className='sz-alert__line'>用摄像头扫码之前，需要您同意隐私保护指引。也可以在下面输入券码。</Text>
              <Button className='sz-button sz-scan__consent' type='primary' size='large' block data-testid='scan-ask-consent' onClick={ask}>
                看指引并打开摄像头
              </Button>
            </View>
          )
        ) : (
          <View className='sz-actions sz-actions--top'>
            <Button className='sz-button sz-button--huge' type='primary' size='xlarge' block data-testid='scan-camera-button' onClick={() => void scan()}>
              打开扫码
            </Button>
            <Button className='sz-button sz-scan__nfc' size='large' block data-testid='scan-nfc-button' onClick={() => void tap()}>
              碰一碰读卡（积分卡）
            </Button>
          </View>
        )
      ) : null}

      {h5 && consent ? (
        <View className='sz-scan__album-wrap'>
          <AlbumButton
            disabled={sending}
            onText={read}
            onProblem={(message) => setOutcome({ kind: 'refused', title: '没有识别出二维码', message, code: 'NO_QR' })}
          />
        </View>
      ) : null}

      <CodeField
        label='扫不出来？输入券码'
        hint='四位一组，不用输入空格。券码一分钟内有效，请让居民打开最新的二维码。'
        placeholder='二维码下面的 16 位数字'
        what='券码'
        action='核销'
        sending={sending}
        onSubmit={redeem}
        testId='scan'
      />
      <View className='sz-bottom-space' />
      <PrivacySheet />
    </View>
  )
}

/** After 核销: whom to hand what to, and an offer's age condition as the exchange checked it (兑换时已核对：70 岁及以上). */
function Redeemed({ voucher, checked, onAgain }: { voucher: Voucher; checked: string | null; onAgain: () => void }) {
  return (
    <View className='sz-scan__panel sz-scan__panel--ok' data-testid='redeem-result'>
      <Text className='sz-scan__mark'>✓</Text>
      <Text className='sz-scan__panel-title'>核销成功</Text>
      <Text className='sz-scan__handover' data-testid='redeem-handover'>
        请交给 <Text className='sz-scan__strong'>{voucher.residentName}</Text>：{voucher.offerTitle}（{formatPoints(voucher.points)} 积分）
      </Text>
      {voucher.courtyardName ? <Text className='sz-scan__line'>{voucher.courtyardName}</Text> : null}
      {checked ? (
        <Text className='sz-scan__line sz-scan__checked' data-testid='redeem-checked'>
          ✓ {checked}，{voucher.residentName}符合
        </Text>
      ) : null}
      <Text className='sz-scan__line' data-testid='redeem-time'>
        核销时间 {formatDateTime(voucher.redeemedAt ?? new Date())}
      </Text>
      <Button className='sz-button sz-scan__again' size='large' block data-testid='scan-again' onClick={onAgain}>
        继续扫码
      </Button>
    </View>
  )
}

function Refused({ title, message, code, onAgain }: { title: string; message: string; code: string; onAgain: () => void }) {
  return (
    <View className='sz-scan__panel sz-scan__panel--refused' data-testid='redeem-error' data-code={code}>
      <Text className='sz-scan__mark'>!</Text>
      <Text className='sz-scan__panel-title'>{title}</Text>
      <Text className='sz-scan__handover'>{message}</Text>
      {code === 'NO_QR' || code === 'NO_NFC' ? null : <Text className='sz-scan__line'>没有核销，请先不要交货。</Text>}
      <Button className='sz-button sz-scan__again' size='large' block data-testid='scan-again' onClick={onAgain}>
        继续扫码
      </Button>
    </View>
  )
}
