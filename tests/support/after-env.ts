import { stopAllClouds } from './cloud'

afterAll(() => stopAllClouds())
