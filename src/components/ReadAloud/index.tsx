import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { canSpeak, speak, stopSpeaking } from '../../platform/speech'
import type { BaseProps } from '../types'
import './index.scss'

export interface ReadAloudProps extends BaseProps {
  /** What is read: a whole sentence, as a person would say it (您现在有 12 分可以用). */
  text: string
  /** The button's words. */
  label?: string
}

/**
 * 读给我听: reads `text` aloud with the phone's own speech (src/platform/speech.ts); tapped again while reading, stops.
 * Not shown where the phone has no speech.
 */
export function ReadAloud({ text, label = '读给我听', className, testId = 'read-aloud' }: ReadAloudProps) {
  const [reading, setReading] = useState(false)
  const [able] = useState(canSpeak)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      stopSpeaking()
    }
  }, [])
  if (!able) return null

  const tap = () => {
    if (reading) {
      stopSpeaking()
      setReading(false)
      return
    }
    setReading(true)
    speak(text)
      .catch(() => void Taro.showToast({ title: '没有读出来，请再点一次', icon: 'none' }))
      .finally(() => {
        if (mounted.current) setReading(false)
      })
  }

  return (
    <Button className={`sz-button sz-read-aloud ${className ?? ''}`} fill='outline' type='primary' size='large' block data-testid={testId} data-reading={reading ? 'true' : 'false'} onClick={tap}>
      {reading ? '停止朗读' : label}
    </Button>
  )
}

export default ReadAloud
