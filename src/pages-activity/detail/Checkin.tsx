import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { isCodeShape, normalizeCode } from '@core/shop'
import { ApiError, api } from '../../api'
import { Camera } from '../../components/Scanner/Camera'
import { CodeField } from '../../components/Scanner/CodeField'
import { askPrivacy, hasPrivacyConsent } from '../../privacy'

const h5 = process.env.TARO_ENV === 'h5'

/** The result in big words: the refusals a resident meets on site, each with what to do. */
const REFUSALS: Record<string, { title: string; line?: string }> = {
  'ACTIVITY.CODE_EXPIRED': { title: '二维码已过期，请对准屏幕上新的二维码', line: '屏幕上的二维码每隔几秒换一个，请再扫一次。' },
  'ACTIVITY.CLOSED': { title: '不在签到时间' },
  'ACTIVITY.FULL': { title: '名额已满，不能签到' },
  'INPUT.INVALID': { title: '签到码不对', line: '请对准现场屏幕上的二维码，或输入二维码下面的 16 位数字。' },
}

type Outcome = { kind: 'idle' } | { kind: 'sending' } | { kind: 'ok'; other: boolean } | { kind: 'refused'; code: string; title: string; line: string }

export interface CheckinProps {
  activityId: string
  /** Already checked in: only the answer stays, no button or field. */
  attended: boolean
  /** When check-in is open, in words. */
  hint: string
  /** Checked in (this activity or another): the page reloads. */
  onDone: () => void
}

/**
 * 扫码签到: weapp, WeChat's scanner; h5, the camera (after the privacy guideline) — or the 16 digits under the
 * organiser's projected QR, typed. Then the answer in big words (签到成功 / 二维码已过期… / 不在签到时间).
 */
export function Checkin({ activityId, attended, hint, onDone }: CheckinProps) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const [camera, setCamera] = useState(false)
  const [visible, setVisible] = useState(true)
  const busy = useRef(false)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  useUnload(() => setVisible(false))

  /** Checks in with a code (scanned or typed); answers whether it went through. */
  const checkin = async (code: string): Promise<boolean> => {
    if (busy.current) return false
    busy.current = true
    setCamera(false)
    setOutcome({ kind: 'sending' })
    try {
      const { attendance } = await api.activities.checkin({ code }, { silent: true })
      setOutcome({ kind: 'ok', other: attendance.activityId !== activityId })
      if (!h5) void Taro.vibrateShort({ type: 'heavy' }).catch(() => undefined)
      onDone()
      return true
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      const known = REFUSALS[error.code]
      setOutcome({ kind: 'refused', code: error.code, title: known?.title ?? '没有签到成功', line: known?.line ?? error.message })
      return false
    } finally {
      busy.current = false
    }
  }

  const read = (text: string) => {
    const code = normalizeCode(text)
    if (!isCodeShape(code)) {
      setOutcome({ kind: 'refused', code: 'NOT_A_CODE', title: '这不是签到的二维码', line: '请扫现场屏幕上的签到二维码。' })
      return
    }
    void checkin(code)
  }

  const scan = async () => {
    setOutcome({ kind: 'idle' })
    if (h5) {
      if (hasPrivacyConsent() || (await askPrivacy())) setCamera(true)
      return
    }
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      read(result ?? '')
    } catch {
      // cancelled: the button and the field stay
    }
  }

  const sending = outcome.kind === 'sending'
  return (
    <View className='sz-card sz-checkin' data-testid='checkin'>
      <Text className='sz-checkin__title'>到场签到</Text>
      {attended ? null : <Text className='sz-checkin__hint'>{hint}</Text>}
      {outcome.kind === 'ok' ? (
        <View className='sz-checkin__result sz-checkin__result--ok' data-testid='checkin-result' data-code='OK'>
          <Text className='sz-checkin__mark'>✓</Text>
          <Text className='sz-checkin__words'>签到成功</Text>
          {outcome.other ? <Text className='sz-checkin__line'>这个二维码是另一个活动的，签到记在那个活动上。</Text> : null}
        </View>
      ) : null}
      {outcome.kind === 'refused' ? (
        <View className='sz-checkin__result sz-checkin__result--refused' data-testid='checkin-result' data-code={outcome.code}>
          <Text className='sz-checkin__mark'>!</Text>
          <Text className='sz-checkin__words'>{outcome.title}</Text>
          <Text className='sz-checkin__line'>{outcome.line}</Text>
        </View>
      ) : null}
      {attended ? null : (
        <>
          {h5 && camera ? <Camera active={visible && camera} onText={read} hint='把现场屏幕上的二维码放进框里' other='“输入签到码”' /> : null}
          <Button className='sz-button sz-checkin__scan' type='primary' size='xlarge' block disabled={sending} data-testid='checkin-scan' onClick={() => void scan()}>
            扫码签到
          </Button>
          <CodeField label='扫不出来？输入签到码' hint='二维码下面的 16 位数字，不用输入空格。' placeholder='16 位数字' what='签到码' action='签到' sending={sending} onSubmit={checkin} testId='checkin' />
        </>
      )}
    </View>
  )
}
