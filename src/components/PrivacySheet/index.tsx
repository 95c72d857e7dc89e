import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PRIVACY_AGREE_BUTTON_ID, PRIVACY_DETAILS, PRIVACY_SUMMARY, answerPrivacy, openPrivacyGuide, watchPrivacy } from '../../privacy'
import { Sheet } from '../Sheet'
import './index.scss'

const weapp = process.env.TARO_ENV === 'weapp'

/**
 * 隐私保护指引 before the first photo or scan: mounted where the camera or album is used (the photo picker, the scan
 * pages), it shows itself while WeChat (weapp) or askPrivacy (h5) waits for an answer. 同意 in weapp is WeChat's
 * agreePrivacyAuthorization button, which lets the held call go on; 不同意 (or a tap outside) refuses it.
 */
export function PrivacySheet() {
  const [asking, setAsking] = useState(false)
  const [more, setMore] = useState(false)
  useEffect(() => watchPrivacy(setAsking), [])
  if (!asking) return null
  return (
    <Sheet
      title='用户隐私保护指引'
      subtitle='用照片或扫码之前，请您先看一看'
      confirmText='同意'
      cancelText='不同意'
      onCancel={() => answerPrivacy(false)}
      // weapp answers from the button's own agree event (WeChat checks that this button was tapped).
      onConfirm={() => (weapp ? undefined : answerPrivacy(true))}
      confirmButtonProps={weapp ? { id: PRIVACY_AGREE_BUTTON_ID, openType: 'agreePrivacyAuthorization', onAgreePrivacyAuthorization: () => answerPrivacy(true) } : undefined}
      testId='privacy-sheet'
      cancelTestId='privacy-disagree'
      confirmTestId='privacy-agree'
    >
      <PrivacySummary />
      {more ? <PrivacyDetails /> : null}
      {more ? null : (
        <View className='sz-privacy__open' hoverClass='sz-privacy__open--hover' data-testid='privacy-open-guide' onClick={() => openPrivacyGuide() || setMore(true)}>
          查看完整的《用户隐私保护指引》
        </View>
      )}
    </Sheet>
  )
}

/** The guideline in a few large lines. */
export function PrivacySummary() {
  return (
    <View className='sz-privacy' data-testid='privacy-summary'>
      {PRIVACY_SUMMARY.map((line) => (
        <Text key={line} className='sz-privacy__line'>
          {line}
        </Text>
      ))}
    </View>
  )
}

/** More of it, by heading (h5, where WeChat's own guideline page does not exist). */
export function PrivacyDetails() {
  return (
    <View className='sz-privacy' data-testid='privacy-details'>
      {PRIVACY_DETAILS.map((section) => (
        <View key={section.title} className='sz-privacy__section'>
          <Text className='sz-privacy__title'>{section.title}</Text>
          {section.lines.map((line) => (
            <Text key={line} className='sz-privacy__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

export default PrivacySheet
