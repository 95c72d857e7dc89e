export default definePageConfig({
  navigationBarTitleText: '红黑榜管理',
  enablePullDownRefresh: true,
})
