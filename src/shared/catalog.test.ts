/** Display rules of the catalog code lists (catalog.ts) that the guide page relies on. */
import { describe, expect, it } from 'vitest';
import { specificOnlineUrl } from './catalog.js';

describe('specificOnlineUrl: the 网办地址 the guide links to', () => {
  it('an https page of its own', () => {
    expect(specificOnlineUrl('https://zwfw.sd.gov.cn/JIS/front/item/detail?id=1')?.href).toBe('https://zwfw.sd.gov.cn/JIS/front/item/detail?id=1');
    expect(specificOnlineUrl(' https://www.shandong.gov.cn/item/37050100100001 ')?.pathname).toBe('/item/37050100100001');
  });

  it('not a front page, not http, not something that is no address', () => {
    expect(specificOnlineUrl('http://zwfw.sd.gov.cn')).toBeNull();
    expect(specificOnlineUrl('http://zwfw.sd.gov.cn/JIS/front/item/detail?id=1')).toBeNull();
    expect(specificOnlineUrl('https://www.shandong.gov.cn/')).toBeNull();
    expect(specificOnlineUrl('https://www.shandong.gov.cn')).toBeNull();
    expect(specificOnlineUrl('https://www.shandong.gov.cn/?from=guide')).toBeNull();
    expect(specificOnlineUrl('')).toBeNull();
    expect(specificOnlineUrl('zwfw.sd.gov.cn/item')).toBeNull();
    expect(specificOnlineUrl('javascript:alert(1)')).toBeNull();
  });
});
