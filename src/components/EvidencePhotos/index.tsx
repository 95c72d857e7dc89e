import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BaseProps } from '../types'
import './index.scss'

export interface EvidencePhotosProps extends BaseProps {
  /** Viewable links, in order; '' for one that cannot be shown (not passed by the platform's check, or expired). */
  urls: readonly string[]
  /** Said where a photo cannot be shown. */
  missing?: string
}

/**
 * The photos of a record a staff member decides on (an objection, a deduction), as large thumbnails: a tap opens them
 * full screen, one after another. Nothing when there are none.
 */
export function EvidencePhotos({ urls, missing = '暂时看不了', className, testId = 'evidence-photos' }: EvidencePhotosProps) {
  if (urls.length === 0) return null
  const viewable = urls.filter(Boolean)
  return (
    <View className={`sz-evidence ${className ?? ''}`} data-testid={testId}>
      {urls.map((url, i) => (
        <View key={`${i}-${url}`} className='sz-evidence__photo'>
          {url ? (
            <Image className='sz-evidence__image' src={url} mode='aspectFill' data-testid={`${testId}-${i}`} onClick={() => void Taro.previewImage({ urls: viewable, current: url }).catch(() => undefined)} />
          ) : (
            <Text className='sz-evidence__missing'>{missing}</Text>
          )}
        </View>
      ))}
    </View>
  )
}
