export default definePageConfig({
  navigationBarTitleText: '申报详情',
  enablePullDownRefresh: true,
})
