import { View, Text } from '@tarojs/components'
import { ROUTES, beijingParts, open } from '../../components'
import './SuspensionNotice.scss'

/** 2027年3月1日 (Beijing time), the year always written: a suspension often ends in the next year. */
const dateWords = (at: string) => {
  const p = beijingParts(at)
  return `${p.year}年${p.month}月${p.day}日`
}

/**
 * 黑榜暂停 as the person reads it (home page, shop): until when, in words; why (the black-list entry's reason, when
 * user.me says it); and the way to object — to that entry's objection form, or to the 红黑榜 where each entry has one.
 * Red text on a pale red ground (the theme's danger text colour, ≥ 4.5:1).
 */
export function SuspensionNotice({ until, reason, listingId, testId }: { until: string; reason?: string; listingId?: string; testId: string }) {
  return (
    <View className='sz-alert sz-alert--error sz-suspension' data-testid={testId}>
      <Text className='sz-alert__title'>您的积分兑换已暂停，到{dateWords(until)}恢复</Text>
      <Text className='sz-alert__line' data-testid={`${testId}-reason`}>
        {reason ? `原因：您被列入黑榜，“${reason}”。` : '您被列入了黑榜。'}暂停期间不能兑换，也不参加评比。
      </Text>
      <View className='sz-suspension__links'>
        <Text className='sz-suspension__link' data-testid={`${testId}-object`} onClick={() => open(listingId ? ROUTES.listingObjection(listingId) : ROUTES.lists)}>
          觉得不对？提出异议 ›
        </Text>
        <Text className='sz-suspension__link' data-testid={`${testId}-lists`} onClick={() => open(ROUTES.lists)}>
          看红黑榜 ›
        </Text>
      </View>
    </View>
  )
}
