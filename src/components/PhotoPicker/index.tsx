import { View, Text, Image } from '@tarojs/components'
import { MAX_PHOTOS } from '@core/claim-input'
import { askPrivacy, hasPrivacyConsent } from '../../privacy'
import { PrivacySheet } from '../PrivacySheet'
import { beijingParts } from '../format'
import type { BaseProps } from '../types'
import type { Photo, Photos } from './usePhotos'
import './index.scss'

/**
 * The warning under a photo that a claim of this community used before (usePhotos' `check`, claims.checkPhoto): said
 * before the resident submits, on the claim form and on 补充材料 alike.
 */
export function usedBefore(photo: Photo): string | null {
  if (!photo.seenAt) return null
  const { month, day } = beijingParts(photo.seenAt)
  return `这张照片以前用过（${month}月${day}日）`
}

export interface PhotoPickerProps extends BaseProps {
  photos: Photos
  /** A warning to stand under a photo, in large words, before the form is sent (the claim form: a photo used before). */
  warningOf?: (photo: Photo) => string | null | undefined
}

/**
 * A grid of evidence photos, three to a row: each shows its upload (上传中 45% / 已上传 / 上传失败 点此重试), a large ×
 * to delete, and a tap opens it full screen; the last tile adds photos from the camera or album — after the privacy
 * sheet, the first time (weapp: when WeChat asks; h5: askPrivacy).
 */
export function PhotoPicker({ photos, warningOf, className, testId = 'photo-picker' }: PhotoPickerProps) {
  const room = MAX_PHOTOS - photos.photos.length
  const tiles = photos.photos.length + (room > 0 ? 1 : 0)
  // Straight from the tap when nothing needs asking (h5 opens its file picker only from a tap); else after 同意.
  const add = () => (hasPrivacyConsent() ? photos.choose() : void askPrivacy().then((agreed) => agreed && photos.choose()))
  return (
    <View className={`sz-photos ${className ?? ''}`} data-testid={testId}>
      {photos.photos.map((p, i) => {
        const warning = p.status === 'done' ? warningOf?.(p) : null
        return (
          <View
            key={p.key}
            className={`sz-photos__tile ${i % 3 !== 2 ? 'sz-photos__tile--gap' : ''}`}
            data-testid={`photo-${i}`}
            data-status={p.status}
            data-warned={warning ? 'true' : undefined}
          >
            <Image className='sz-photos__image' src={p.src} mode='aspectFill' onClick={() => (p.status === 'failed' ? photos.retry(p.key) : photos.preview(p.key))} />
            {p.status === 'uploading' ? (
              <View className='sz-photos__veil'>
                <Text className='sz-photos__veil-text'>上传中</Text>
                <Text className='sz-photos__veil-text'>{p.progress}%</Text>
                <View className='sz-photos__bar'>
                  <View className='sz-photos__bar-fill' style={{ width: `${p.progress}%` }} />
                </View>
              </View>
            ) : null}
            {p.status === 'failed' ? (
              <View className='sz-photos__veil sz-photos__veil--failed' onClick={() => photos.retry(p.key)} data-testid={`photo-retry-${i}`}>
                <Text className='sz-photos__veil-text'>上传失败</Text>
                <Text className='sz-photos__veil-text'>{p.final ? '照片太大' : '点此重试'}</Text>
              </View>
            ) : null}
            {warning ? (
              <Text className='sz-photos__warning' data-testid={`photo-warning-${i}`}>
                {warning}
              </Text>
            ) : p.status === 'done' ? (
              <Text className='sz-photos__done'>已上传</Text>
            ) : null}
            <View className='sz-photos__delete' data-testid={`photo-delete-${i}`} onClick={() => photos.remove(p.key)}>
              <Text className='sz-photos__delete-mark'>×</Text>
            </View>
          </View>
        )
      })}
      {room > 0 ? (
        <View
          className={`sz-photos__tile sz-photos__add ${(tiles - 1) % 3 !== 2 ? 'sz-photos__tile--gap' : ''}`}
          hoverClass='sz-photos__add--hover'
          data-testid='photo-add'
          onClick={add}
        >
          <View className='sz-photos__add-inner'>
            <Text className='sz-photos__plus'>+</Text>
            <Text className='sz-photos__add-text'>添加照片</Text>
          </View>
        </View>
      ) : null}
      {/* Fixed on screen, outside the grid's flow. */}
      <PrivacySheet />
    </View>
  )
}

export default PhotoPicker
