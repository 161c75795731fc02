import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citizenActor, gates, signedInActor, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import {
  caseLicenceParams, idParams, issuedLicence, issuedList, licenceDetail, licenceUses, publicKeys, revokeBody, showBody, shownCode, staffListQuery, verification, verifyQuery, wallet,
} from './schemas.js';
import type { LicenceService } from './service.js';

/** 电子证照: the citizen's wallet and 亮证, public verification and keys, the staff's views and revocation. */
export const licenceRoutes = (licences: LicenceService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['licences'];

  app.get('/me/licences', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '我的电子证照（本人及本人任法定代表人的单位的证照；同时向证照库更新）。身份证号等个人号码已脱敏', response: { 200: wallet, ...errorResponses(401, 403) } },
  }, async (request) => licences.wallet(citizenActor(request)));

  app.get('/me/licence-uses', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '用证记录：本人证照被哪个办件用来免交材料、何时被扫码核验（新的在前）', response: { 200: licenceUses, ...errorResponses(401, 403) } },
  }, async (request) => licences.uses(citizenActor(request)));

  app.get('/me/licences/:id', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '一张本人的电子证照（完整信息）及其用证记录；不是本人的证照为 404', params: idParams, response: { 200: licenceDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => licences.detail(citizenActor(request), request.params.id));

  app.post('/me/licences/:id/show', {
    config: { gate: gates.citizen },
    schema: {
      tags, summary: '亮证：生成 5 分钟内有效、只能核验一次的签名证照码（Ed25519）及其二维码。fields 为持证人选择额外出示的项目；已注销或过期的证照为 409 LICENCE_NOT_VALID',
      params: idParams, body: showBody, response: { 200: shownCode, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => licences.show(citizenActor(request), request.params.id, request.body.fields));

  app.get('/licences/verify', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '核验亮证码（任何人，无需登录）：签名、5 分钟有效期、证照当前状态、是否已核验过（每个码只接受一次）。不通过时 valid 为 false，reason 说明原因',
      querystring: verifyQuery, response: { 200: verification, ...errorResponses(400) },
    },
  }, async (request) => licences.verify(request.query.token));

  app.get('/licences/keys', {
    config: { gate: gates.public },
    schema: { tags, summary: '亮证码的签名公钥（Ed25519，含已停用的），用于离线核验；码的格式见 format', response: { 200: publicKeys } },
  }, async () => licences.publicKeys());

  app.get('/cases/:id/licences/:licenceId', {
    config: { gate: gates.staff() },
    schema: {
      tags, summary: '办件所用的电子证照（能查看该办件的工作人员；记入审计）；办件没有使用该证照为 404',
      params: caseLicenceParams, response: { 200: licenceDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => licences.forCase(request.ctx, signedInActor(request), request.params.id, request.params.licenceId));

  app.get('/licences', {
    config: { gate: gates.staff('case.view') },
    schema: { tags, summary: '本辖区办结签发的电子证照（可按地区、状态、类型/持证人/办件编号/证照编号查找）', querystring: staffListQuery, response: { 200: issuedList, ...errorResponses(400, 401, 403) } },
  }, async (request) => licences.issued(staffActor(request), request.query));

  app.post('/licences/:id/revoke', {
    config: { gate: gates.staff('case.decide') },
    schema: {
      tags, summary: '注销本平台签发的电子证照（发证地的审批人员；填写原因，记入审计）。注销后亮证码、免提交材料随即不再认可',
      params: idParams, body: revokeBody, response: { 200: issuedLicence, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => licences.revoke(request.ctx, staffActor(request), request.params.id, request.body.reason));
};
