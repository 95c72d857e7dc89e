/**
 * Reading a points card (积分卡), the same on every page that needs one (刷卡兑换 at the counter, 查询居民积分,
 * 代申报): its QR — weapp: WeChat's scanner; h5: the camera (after the privacy guideline) or a photo — and in the weapp
 * 碰一碰读卡 (its NFC tag, src/components/Scanner/nfc). Only a card's token goes on (src/core/cards looksLikeCardToken);
 * anything else is refused here in words. A card number cannot be typed: the number alone proves nothing.
 */
import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { looksLikeCardToken } from '@core/cards'
import { askPrivacy, hasPrivacyConsent } from '../../privacy'
import { AlbumButton, Camera } from './Camera'
import { NO_NFC, NfcProblem, canUseNfc, readCardByNfc, stopNfc } from './nfc'
import './card.scss'

const h5 = process.env.TARO_ENV === 'h5'
const weapp = process.env.TARO_ENV === 'weapp'

export const NOT_A_CARD = '这不是积分卡的二维码。请扫居民积分卡上的二维码。'

export interface CardReaderProps {
  /** The card's token, read from its QR or its tag. */
  onToken: (token: string) => void
  /** A lookup of the card is on its way: no second read. */
  busy?: boolean
  /** Whether the camera may be on: false while the page is hidden (a page passes its useDidShow / useDidHide). */
  active?: boolean
  /** The button that scans: 扫积分卡. */
  scanLabel?: string
  /** h5: open the camera at once (the counter, where reading a card is the whole page); otherwise on a tap. */
  cameraAtOnce?: boolean
  /** `<testId>` on the whole, `-scan`, `-nfc`, `-problem`, `-nfc-waiting`. */
  testId: string
}

export function CardReader({ onToken, busy, active = true, scanLabel = '扫积分卡', cameraAtOnce, testId }: CardReaderProps) {
  const [problem, setProblem] = useState<string | null>(null)
  const [camera, setCamera] = useState(h5 && !!cameraAtOnce && hasPrivacyConsent())
  const [tapping, setTapping] = useState(false)
  // Leaving the page (it unmounts) ends a wait for a tap; the camera goes with its component.
  useEffect(() => () => stopNfc(), [])

  const read = (text: string) => {
    setCamera(false)
    if (!looksLikeCardToken(text)) return setProblem(NOT_A_CARD)
    setProblem(null)
    onToken(text.trim())
  }

  const scan = async () => {
    setProblem(null)
    if (h5) {
      if (hasPrivacyConsent() || (await askPrivacy())) setCamera(true)
      return
    }
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      read(result ?? '')
    } catch {
      // cancelled: the buttons stay
    }
  }

  const tap = async () => {
    setProblem(null)
    if (!canUseNfc()) return setProblem(NO_NFC)
    setTapping(true)
    try {
      read(await readCardByNfc())
    } catch (e) {
      const message = e instanceof NfcProblem ? e.message : NO_NFC
      if (message !== '已取消读卡') setProblem(message)
    } finally {
      setTapping(false)
    }
  }

  return (
    <View className='sz-card-reader' data-testid={testId}>
      {problem ? (
        <View className='sz-alert sz-alert--warning' data-testid={`${testId}-problem`}>
          <Text className='sz-alert__line'>{problem}</Text>
        </View>
      ) : null}
      {tapping ? (
        <View className='sz-card-reader__tap' data-testid={`${testId}-nfc-waiting`}>
          <Text className='sz-card-reader__tap-title'>请把积分卡贴在手机背面</Text>
          <Text className='sz-card-reader__tap-line'>贴住不要动，读到后会自动往下走。</Text>
          <Button className='sz-button sz-card-reader__button' size='large' block onClick={stopNfc}>
            取消
          </Button>
        </View>
      ) : null}
      {h5 && camera ? <Camera active={active && !busy} onText={read} hint='把积分卡上的二维码放进框里' other='“从相册选图”' /> : null}
      <View className='sz-card-reader__buttons'>
        {!(h5 && camera) ? (
          <Button className='sz-button sz-card-reader__button' type='primary' size='large' block disabled={busy || tapping} data-testid={`${testId}-scan`} onClick={() => void scan()}>
            {scanLabel}
          </Button>
        ) : null}
        {weapp ? (
          <Button className='sz-button sz-card-reader__button' size='large' block disabled={busy || tapping} data-testid={`${testId}-nfc`} onClick={() => void tap()}>
            碰一碰读卡
          </Button>
        ) : null}
        {h5 ? <AlbumButton disabled={busy} onText={read} onProblem={() => setProblem('这张图片里没有找到二维码。请换一张清楚的积分卡照片。')} /> : null}
      </View>
    </View>
  )
}
