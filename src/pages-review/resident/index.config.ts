export default definePageConfig({
  navigationBarTitleText: '查询居民积分',
})
