import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BaseProps } from '../types'
import './index.scss'

export interface EvidencePhotosProps extends BaseProps {
  /** Viewable links, in order; '' for one that cannot be shown (not passed by the platform's check, or expired). */
  urls: readonly string[]
  /** Said where a photo cannot be shown: one text for all, or by photo (加载中, 安全检查中…). */
  missing?: string | ((i: number) => string)
  /** A line over the bottom of a photo that is shown (没有经过检查, say), or none. */
  noteOf?: (i: number) => string | null | undefined
  /** Each shown photo's test id is `<imageTestId>-<i>`; the list's own (`testId`) unless said. */
  imageTestId?: string
}

/**
 * The photos of a record a staff member decides on (a claim in the review queue, an objection, a deduction), as large
 * thumbnails: a tap opens the viewable ones full screen, from the one tapped. Nothing when there are none.
 */
export function EvidencePhotos({ urls, missing = '暂时看不了', noteOf, imageTestId, className, testId = 'evidence-photos' }: EvidencePhotosProps) {
  if (urls.length === 0) return null
  const viewable = urls.filter(Boolean)
  return (
    <View className={`sz-evidence ${className ?? ''}`} data-testid={testId}>
      {urls.map((url, i) => {
        const note = url ? noteOf?.(i) : null
        return (
          <View key={`${i}-${url}`} className='sz-evidence__photo'>
            {url ? (
              <Image
                className='sz-evidence__image'
                src={url}
                mode='aspectFill'
                data-testid={`${imageTestId ?? testId}-${i}`}
                onClick={() => void Taro.previewImage({ urls: viewable, current: url }).catch(() => undefined)}
              />
            ) : (
              <Text className='sz-evidence__missing'>{typeof missing === 'function' ? missing(i) : missing}</Text>
            )}
            {note ? <Text className='sz-evidence__note'>{note}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
