import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { canListen, listen, type Listening } from '../../platform/speech'
import type { BaseProps } from '../types'
import './index.scss'

export interface VoiceInputProps extends BaseProps {
  /** What was said, as text: the form adds it to what is typed. */
  onText: (text: string) => void
}

/**
 * 说话输入: tap, speak (Mandarin), tap again (or just stop talking); the words are added to the field. Shown only where
 * the phone can do it (weapp: the 同声传译 plugin; h5: a browser with speech recognition).
 */
export function VoiceInput({ onText, className, testId = 'voice-input' }: VoiceInputProps) {
  const [able] = useState(canListen)
  const [listening, setListening] = useState(false)
  const current = useRef<Listening | null>(null)
  const onTextRef = useRef(onText)
  onTextRef.current = onText
  useEffect(() => () => current.current?.stop(), [])
  if (!able) return null

  const tap = () => {
    if (current.current) {
      current.current.stop()
      return
    }
    const started = listen({
      onText: (text) => onTextRef.current(text),
      onEnd: () => {
        current.current = null
        setListening(false)
      },
      onError: (message) => void Taro.showToast({ title: message, icon: 'none' }),
    })
    if (!started) return void Taro.showToast({ title: '这台手机不能说话输入，请打字', icon: 'none' })
    current.current = started
    setListening(true)
  }

  return (
    <Button className={`sz-button sz-voice-input ${listening ? 'sz-voice-input--on' : ''} ${className ?? ''}`} fill='outline' type='primary' size='large' block data-testid={testId} data-listening={listening ? 'true' : 'false'} onClick={tap}>
      {listening ? '正在听，说完点这里' : '说话输入'}
    </Button>
  )
}

export default VoiceInput
