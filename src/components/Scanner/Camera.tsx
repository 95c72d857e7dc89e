/**
 * Shared by 扫码核销 (src/pages-merchant/scan) and 活动签到 (src/pages-activity/detail).
 * h5 only (the weapp uses `Taro.scanCode`): the back camera in a <video>, a frame every 200 ms decoded with jsQR,
 * the camera off after a hit and whenever `active` turns false (page hidden, a result on screen, page left).
 * Plain DOM elements: Taro's h5 renders them as they are. The page renders these only when TARO_ENV is h5.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

type Qr = typeof import('./qr')

/** jsQR on demand, in h5 only: the weapp build never sees the import. */
function loadQr(): Promise<Qr> {
  if (process.env.TARO_ENV === 'h5') return import('./qr')
  return Promise.reject(new Error('h5 only'))
}

const EVERY_MS = 200

/** Why the camera did not open, in words a person can act on; `other` names the other ways on the page. */
function cameraProblem(e: unknown, other: string): string {
  const name = e instanceof Error ? e.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return `没有得到使用摄像头的允许。请在浏览器的设置里允许使用摄像头，或者用下面的${other}。`
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `这台设备没有找到摄像头。请用下面的${other}。`
  if (name === 'NotReadableError' || name === 'AbortError') return `摄像头正被别的应用使用。请关掉它再试，或者用下面的${other}。`
  return `摄像头打不开。请用下面的${other}。`
}

function stop(stream: MediaStream | null) {
  stream?.getTracks().forEach((t) => t.stop())
}

export interface CameraProps {
  /** Whether the camera should be on now. */
  active: boolean
  /** The text of the first QR code seen; the camera is already off. */
  onText: (text: string) => void
  /** Under the viewfinder while it reads. */
  hint: string
  /** The other ways on the page, named in a camera problem: “从相册选图”或“输入券码”. */
  other: string
}

export function Camera({ active, onText, hint, other }: CameraProps) {
  const otherRef = useRef(other)
  otherRef.current = other
  const video = useRef<HTMLVideoElement>(null)
  const onTextRef = useRef(onText)
  onTextRef.current = onText
  const [problem, setProblem] = useState<string | null>(null)
  const [live, setLive] = useState(false)

  useEffect(() => {
    if (!active) return
    let ended = false
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const canvas = document.createElement('canvas')
    setProblem(null)

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem(`这个网页打不开摄像头（需要 https 网址，或在微信小程序里扫码）。请用下面的${otherRef.current}。`)
        return
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch (e) {
        if (!ended) setProblem(cameraProblem(e, otherRef.current))
        return
      }
      const el = video.current
      if (ended || !el) return stop(stream)
      el.srcObject = stream
      el.setAttribute('playsinline', 'true')
      el.muted = true
      try {
        await el.play()
      } catch {
        // autoplay of a muted inline video is allowed; a refusal still leaves frames to read
      }
      const qr = await loadQr()
      if (ended) return
      setLive(true)
      const tick = () => {
        if (ended) return
        const text = qr.decodeVideoFrame(el, canvas)
        if (text) {
          ended = true
          stop(stream)
          setLive(false)
          onTextRef.current(text)
          return
        }
        timer = setTimeout(tick, EVERY_MS)
      }
      tick()
    }
    void start()

    return () => {
      ended = true
      clearTimeout(timer)
      stop(stream)
      if (video.current) video.current.srcObject = null
      setLive(false)
    }
  }, [active])

  if (!active) return null
  if (problem)
    return (
      <View className='sz-alert sz-alert--warning' data-testid='scan-camera-problem'>
        <Text className='sz-alert__title'>摄像头没有打开</Text>
        <Text className='sz-alert__line'>{problem}</Text>
      </View>
    )
  return (
    <View className='sz-scan__camera' data-testid='scan-camera' data-live={live ? 'true' : 'false'}>
      <video ref={video} className='sz-scan__video' autoPlay muted playsInline />
      <View className='sz-scan__frame' />
      <Text className='sz-scan__camera-hint'>{live ? hint : '正在打开摄像头…'}</Text>
    </View>
  )
}

export interface AlbumProps {
  disabled?: boolean
  onText: (text: string) => void
  /** No QR code in the picture, or the picture could not be read. */
  onProblem: (message: string) => void
}

/** 从相册选图: a screenshot or photo of the resident's QR, decoded here. */
export function AlbumButton({ disabled, onText, onProblem }: AlbumProps) {
  const [reading, setReading] = useState(false)
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target
    const file = input.files?.[0]
    if (!file) return
    setReading(true)
    try {
      const qr = await loadQr()
      const text = await qr.decodeImageFile(file)
      if (text) onText(text)
      else onProblem('这张图片里没有找到二维码。请换一张清楚的截图，或输入二维码下面的 16 位数字。')
    } catch {
      onProblem('这张图片打不开。请换一张图片，或输入二维码下面的 16 位数字。')
    } finally {
      setReading(false)
      input.value = '' // the same picture can be chosen again
    }
  }
  return (
    <label className={`sz-scan__album ${disabled || reading ? 'sz-scan__album--disabled' : ''}`} data-testid='scan-album'>
      {reading ? '正在识别图片…' : '从相册选图'}
      <input className='sz-scan__file' type='file' accept='image/*' disabled={disabled || reading} data-testid='scan-image-input' onChange={(e) => void pick(e)} />
    </label>
  )
}
