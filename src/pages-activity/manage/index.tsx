import { useRouter } from '@tarojs/taro'
import { OneActivity } from './OneActivity'
import { Organised } from './Organised'
import '../organiser.scss'

/**
 * 组织者: without `?id=`, 我组织的活动 (and the admin's 志愿服务队); with it, one activity's 签到管理 — the live count,
 * the attendance list, 代签到, 导出签到表, 打开签到二维码 and 结束并发积分.
 */
export default function ActivityManagePage() {
  const id = useRouter().params.id
  return id ? <OneActivity id={decodeURIComponent(id)} /> : <Organised />
}
