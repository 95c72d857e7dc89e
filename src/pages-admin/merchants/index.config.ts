export default definePageConfig({
  navigationBarTitleText: '商居联盟',
  enablePullDownRefresh: true,
})
