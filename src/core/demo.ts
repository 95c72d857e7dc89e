/**
 * The demo people of DESIGN.md ("Demo data"). The seed creates them; the h5 切换身份 page lists them.
 * One list so the two never drift apart.
 */
export interface DemoUser {
  openid: string
  name: string
  /** What this person does, in the words the office uses. */
  label: string
}

export const DEMO_USERS: readonly DemoUser[] = [
  { openid: 'demo-resident', name: '张秀英', label: '居民（1号院）' },
  { openid: 'demo-resident-2', name: '李明', label: '居民（1号院）' },
  { openid: 'demo-head', name: '王建国', label: '院长（1号院）' },
  { openid: 'demo-head-2', name: '赵桂兰', label: '院长（2号院）' },
  { openid: 'demo-grid', name: '陈静', label: '网格员' },
  { openid: 'demo-admin', name: '周海燕', label: '社区工作小组' },
  { openid: 'demo-merchant', name: '孙志刚', label: '商家店员（善治超市）' },
]
