import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { makeItem, seedTestCatalog } from './fixtures.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let catalogId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ catalogId } = await seedTestCatalog(t.deps, 'town', [makeItem(), makeItem({ handlingSeq: '02', handlingName: '停止' })], ['370883001', '370883002']));
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
});
afterAll(async () => {
  await t.close();
});

function upload(client: TestClient, url: string, fileName: string, data: Buffer) {
  const boundary = '----bianminExcel';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
}

describe('catalog Excel exchange', () => {
  it('exports a version and imports it into a new draft unchanged; errors import nothing', async () => {
    const catalogs = (await city.get('/api/v1/admin/catalogs')).json().items;
    const v1 = catalogs[0].versions[0].id;
    const exported = await city.get(`/api/v1/admin/catalog-versions/${v1}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const workbook = exported.rawPayload;

    const v2 = (await city.post(`/api/v1/admin/catalogs/${catalogId}/versions`, {})).json().id;
    await city.delete(`/api/v1/admin/catalog-versions/${v2}/items/37200000100002`);
    const imported = await upload(city, `/api/v1/admin/catalog-versions/${v2}/import`, 'catalog.xlsx', workbook);
    expect(imported.statusCode).toBe(200);
    expect(imported.json().imported).toBe(2);
    expect((await city.get(`/api/v1/admin/catalog-versions/${v2}/diff`)).json().diff).toEqual({ added: [], removed: [], changed: [] });

    // Break one cell: the import reports sheet, row and column and leaves the draft as it was.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('事项')!;
    const header = sheet.getRow(1).values as string[];
    const col = header.indexOf('基本编码');
    sheet.getRow(2).getCell(col).value = '37-BAD';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    await city.delete(`/api/v1/admin/catalog-versions/${v2}/items/37200000100002`);
    const res = await upload(city, `/api/v1/admin/catalog-versions/${v2}/import`, 'broken.xlsx', broken);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WORKBOOK_INVALID');
    expect(res.json().error.details[0]).toMatchObject({ sheet: '事项', row: 2 });
    expect(res.json().error.details[0].column).toContain('基本编码');
    expect((await city.get(`/api/v1/admin/catalog-versions/${v2}/items`)).json().total).toBe(1);

    const garbage = await upload(city, `/api/v1/admin/catalog-versions/${v2}/import`, 'x.xlsx', Buffer.from('not a workbook at all'));
    expect(garbage.json().error.code).toBe('WORKBOOK_INVALID');
    expect((await upload(city, `/api/v1/admin/catalog-versions/${v1}/import`, 'catalog.xlsx', workbook)).json().error.code).toBe('VERSION_NOT_EDITABLE');
    expect((await upload(gangshan, `/api/v1/admin/catalog-versions/${v2}/import`, 'catalog.xlsx', workbook)).statusCode).toBe(403);
  });

  it('a town admin exports their lists, changes a village-free town phone in Excel, and imports it into the draft', async () => {
    const exported = await gangshan.get('/api/v1/admin/impl-lists/export');
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('实施清单')!;
    const header = sheet.getRow(1).values as string[];
    expect(sheet.rowCount).toBe(3); // header + 2 items of 钢山街道 (its villages have no list here)
    sheet.getRow(2).getCell(header.indexOf('咨询电话')).value = '0537-5217777';
    const res = await upload(gangshan, '/api/v1/admin/impl-lists/import', 'lists.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ lists: 1, rows: 2 });
    const detail = (await gangshan.get('/api/v1/admin/impl-lists/370883001')).json();
    expect(detail.items[0].override).toEqual({ consultPhone: '0537-5217777' });
    expect(detail.items[1].override).toBeNull();
    expect(detail.dirty).toBe(true);

    // Rows for another town are refused, whole file.
    sheet.getRow(3).getCell(header.indexOf('行政区划代码')).value = '370883002';
    const other = await upload(gangshan, '/api/v1/admin/impl-lists/import', 'lists.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({ row: 3 });
  });
});
