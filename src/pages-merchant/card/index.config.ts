export default definePageConfig({
  navigationBarTitleText: '刷卡兑换',
})
