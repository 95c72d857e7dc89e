import { View } from '@tarojs/components'
import { PageState } from '../../components'

/** 申报: choose a rule, add time, place, description and photos. Filled in by the claims issue. */
export default function Claim() {
  return (
    <View className='sz-page'>
      <PageState
        kind='empty'
        title='申报功能即将开放'
        description='以后在这里选择积分项目、拍照上传，就能申报积分。'
        testId='claim-coming-soon'
      />
    </View>
  )
}
