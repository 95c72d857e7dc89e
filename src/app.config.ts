/**
 * Pages and the tab bar. The 切换身份 page (pick a demo person) exists in the h5 build only: a real mini-program
 * takes the caller's identity from WeChat, never from a list.
 */
const isH5 = process.env.TARO_ENV === 'h5'

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/claim/index',
    'pages/shop/index',
    'pages/me/index',
    // Where a claim's notification lands (the claims function links to it): in the main package, so it opens at once.
    'pages/claim-detail/index',
    ...(isH5 ? ['pages/dev-login/index'] : []),
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#ededed',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '善治积分',
    navigationBarTextStyle: 'black',
  },
  // The tabs depend on who uses the app (a shop clerk sees 首页 / 核销 / 我的): drawn by src/custom-tab-bar in the weapp
  // and by AppChrome in h5 (src/components/TabBar). The list still names the tab pages, as WeChat requires.
  tabBar: {
    custom: true,
    color: '#7a7e83',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/claim/index', text: '申报', iconPath: 'assets/tabbar/claim.png', selectedIconPath: 'assets/tabbar/claim-active.png' },
      { pagePath: 'pages/shop/index', text: '兑换', iconPath: 'assets/tabbar/shop.png', selectedIconPath: 'assets/tabbar/shop-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Only the components a page renders are injected when it opens (按需注入), which shortens the first start.
  ...(isH5 ? {} : { lazyCodeLoading: 'requiredComponents' }),
  // 读给我听 and 说话输入 in the weapp: WeChat's 同声传译 plugin (src/platform/speech.ts); h5 uses the browser's own speech.
  // The plugin must also be added in the mini-program console (设置 → 第三方设置 → 插件管理).
  ...(isH5 ? {} : { plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } } }),
  // WeChat asks for the privacy guideline (onNeedPrivacyAuthorization → PrivacySheet) before the first photo or scan.
  // On by default since 2023-10-17 in WeChat's words; said outright because some base libraries still wait for it.
  ...(isH5 ? {} : { __usePrivacyCheck__: true }),
  // Pages opened from a tab live in subpackages (分包), loaded when first opened, so the main package stays under 1 MB.
  subPackages: [
    {
      root: 'pages-resident',
      // my-data: 我的数据与隐私, for every member (residents and staff).
      // lessons, lesson: 学习 (a lesson, its quiz, the points it pays once).
      pages: ['claim-form/index', 'my-claims/index', 'points/index', 'leaderboard/index', 'my-data/index', 'lessons/index', 'lesson/index'],
    },
    // 院长 / 网格员: the review queue, 代申报, invites (also the admin's); 查询居民积分 (also the admin's, who adjusts there);
    // 扣分复核 (网格员 and the admin); 打印积分卡 (the admin, a 院长: an A4 sheet of the courtyard's points cards).
    { root: 'pages-review', pages: ['queue/index', 'proxy/index', 'invite/index', 'resident/index', 'deductions/index', 'cards-print/index'] },
    // 加入社区 with an invite code.
    { root: 'pages-join', pages: ['index'] },
    // 工作小组: 社区管理 (org tree, rule catalogue); h5 first, usable on a phone.
    {
      root: 'pages-admin',
      pages: [
        'index',
        'org/index',
        'rules/index',
        'offers/index',
        'merchants/index',
        'settlement/index',
        // 治理: month close and publicity, objections, the red and black lists, settings, the audit log, the dashboard, party members.
        'months/index',
        'objections/index',
        'lists/index',
        'settings/index',
        'audit/index',
        'dashboard/index',
        'party/index',
        // 卫生检查评奖: the month's inspection ranking and 发放奖励.
        'inspections/index',
        // 学习课程: the lessons and their quizzes.
        'lessons/index',
      ],
    },
    // 公示与监督 for every member: the board (and its A4 print), objections, the red and black lists; the grid worker's inspection and proposals.
    { root: 'pages-governance', pages: ['publicity/index', 'print/index', 'objection/index', 'my-objections/index', 'lists/index', 'propose/index', 'inspect/index'] },
    // 积分超市: an offer and its exchange, my vouchers, a voucher's redemption QR.
    { root: 'pages-shop', pages: ['offer/index', 'vouchers/index', 'voucher/index'] },
    // 活动: the organiser's 发布活动 / 修改, 我组织的活动 and one activity's 签到管理, the full-screen check-in QR.
    // 活动 for residents: the list (近期 / 已结束 / 我报名的), one activity (报名, 扫码签到), 志愿队.
    { root: 'pages-activity', pages: ['edit/index', 'manage/index', 'qr/index', 'list/index', 'detail/index', 'teams/index'] },
    // 商家: scan to redeem (核销), redemptions by day and month, the merchant's own offers (the admin's form too);
    // 刷卡兑换: a resident's points card and PIN at the counter (the clerk, the admin).
    { root: 'pages-merchant', pages: ['scan/index', 'history/index', 'offers/index', 'offer-edit/index', 'card/index'] },
    // 说事: 居民说事 / 微心愿 / 随手拍 (the lists, the form, one post with its timeline and the staff's decisions); the admin's 说事统计.
    { root: 'pages-voices', pages: ['index/index', 'post/index', 'detail/index', 'summary/index'] },
  ],
})
